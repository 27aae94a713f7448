
namespace G7Flows.Workflows.Consultations.Domain;

/// <summary>The outcome of a consultation once it is certain.</summary>
/// <param name="Status">Adopted, Rejected or Expired (Withdrawn is decided by staff, not by a rule).</param>
/// <param name="Reason">A sentence for the record.</param>
public sealed record Decision(ConsultationStatus Status, string Reason);

/// <summary>
/// The three decision rules of DOMAIN.md as one pure function. A consultation closes as soon as
/// <see cref="Evaluate"/> returns a decision; at the deadline it always returns one.
/// </summary>
public static class DecisionRules
{
    /// <summary>The default qualified-majority threshold: two thirds of the participants.</summary>
    public const double DefaultThreshold = 2.0 / 3.0;

    /// <summary>
    /// Decides the outcome if it is already certain, whatever the nations that have not answered
    /// would still answer; at the deadline, decides it from what has been answered.
    /// </summary>
    /// <param name="rule">The decision rule.</param>
    /// <param name="threshold">Share of participants that must approve (qualified majority only).</param>
    /// <param name="participants">Every participating nation.</param>
    /// <param name="positions">The counted positions, by nation; nations missing here are silent.</param>
    /// <param name="deadlinePassed">True once the deadline has passed: silence is then final.</param>
    /// <returns>The decision, or null while the outcome is still open.</returns>
    public static Decision? Evaluate(
        DecisionRule rule,
        double threshold,
        IReadOnlyCollection<string> participants,
        IReadOnlyDictionary<string, Position> positions,
        bool deadlinePassed)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(positions);

        var objectors = participants.Where(n => positions.TryGetValue(n, out var p) && p == Position.Object).ToList();
        int approvals = participants.Count(n => positions.TryGetValue(n, out var p) && p == Position.Approve);
        int answered = participants.Count(positions.ContainsKey);
        int silent = participants.Count - answered;

        switch (rule)
        {
            case DecisionRule.Unanimity:
                if (objectors.Count > 0)
                {
                    return new(ConsultationStatus.Rejected, $"Objection by {string.Join(", ", objectors)}; unanimity is not possible.");
                }

                if (silent == 0)
                {
                    return new(ConsultationStatus.Adopted, $"All {participants.Count} participants approved or abstained ({approvals} approved).");
                }

                return deadlinePassed
                    ? new(ConsultationStatus.Expired, $"{silent} of {participants.Count} participants did not answer before the deadline.")
                    : null;

            case DecisionRule.Silence:
                if (objectors.Count > 0)
                {
                    return new(ConsultationStatus.Rejected, $"Silence broken by {string.Join(", ", objectors)}.");
                }

                if (silent == 0)
                {
                    return new(ConsultationStatus.Adopted, "Every participant answered and nobody objected.");
                }

                return deadlinePassed
                    ? new(ConsultationStatus.Adopted, $"The deadline passed without objection; {silent} silent participant(s) counted as assent.")
                    : null;

            case DecisionRule.QualifiedMajority:
                int required = RequiredApprovals(threshold, participants.Count);
                if (approvals >= required)
                {
                    return new(ConsultationStatus.Adopted, $"{approvals} of {participants.Count} approved; {required} were required.");
                }

                if (approvals + silent < required || deadlinePassed)
                {
                    return new(ConsultationStatus.Rejected, $"{approvals} of {participants.Count} approved; {required} were required and can no longer be reached.");
                }

                return null;

            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown decision rule.");
        }
    }

    /// <summary>The smallest number of approvals whose share of <paramref name="participants"/> reaches <paramref name="threshold"/>.</summary>
    public static int RequiredApprovals(double threshold, int participants)
    {
        if (threshold is <= 0.5 or > 1 || double.IsNaN(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be above 0.5 and at most 1.");
        }

        // A small tolerance keeps 2/3 of 6 at 4 despite binary rounding.
        return (int)Math.Ceiling((threshold * participants) - 1e-9);
    }
}
