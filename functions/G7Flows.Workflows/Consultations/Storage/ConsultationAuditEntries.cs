using G7Flows.Workflows.Platform.Storage;


namespace G7Flows.Workflows.Consultations.Storage;

/// <summary>The consultation audit entries written from more than one place, built in one.</summary>
public static class ConsultationAuditEntries
{
    /// <summary>The start of a consultation, from its row (the same key whoever writes it).</summary>
    public static AuditEntry Started(ConsultationEntity c, string source)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new AuditEntry(c.PartitionKey, c.CreatedAt, c.CreatedBy, "consultation-started", source, "started", c.Proposer, $"{c.Rule}; participants {c.Participants}; deadline {c.Deadline:O}");
    }

    /// <summary>
    /// A stored response. Its key derives from the stored answer (time and nation), so whoever writes it first
    /// (the request, its retry, or the close of the consultation) writes the only copy.
    /// </summary>
    public static AuditEntry ResponseSubmitted(string consultationId, PositionEntity position, string source)
    {
        ArgumentNullException.ThrowIfNull(position);
        return new AuditEntry(
            consultationId,
            position.RespondedAt ?? throw new ArgumentException("The position has no answer.", nameof(position)),
            position.Respondent ?? "unknown",
            "response-submitted",
            source,
            $"response-{position.Nation}",
            position.Nation,
            position.Position);
    }
}
