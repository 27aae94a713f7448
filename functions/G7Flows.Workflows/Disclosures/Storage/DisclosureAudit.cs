using G7Flows.Workflows.Platform.Storage;

namespace G7Flows.Workflows.Disclosures.Storage;

/// <summary>The audit entries of the disclosure workflow's own steps (workflow entries have deterministic keys: a retry adds nothing twice).</summary>
public static class DisclosureAudit
{
    public const string Workflow = "workflow";

    public static AuditEntry Step(string disclosureId, DateTimeOffset at, string action, string discriminator, string? nation, string? detail) =>
        new(disclosureId, at, Workflow, action, Workflow, discriminator, nation, detail);
}
