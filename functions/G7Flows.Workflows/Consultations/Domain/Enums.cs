
namespace G7Flows.Workflows.Consultations.Domain;

/// <summary>What a consultation is about.</summary>
public enum ConsultationKind
{
    JointExercise,
    InformationSharing,
    MutualDefence,
    PolicyCoordination,
}

/// <summary>How the positions of the participants become an outcome.</summary>
public enum DecisionRule
{
    /// <summary>Every participant approves or abstains; any objection rejects; silence at the deadline expires.</summary>
    Unanimity,

    /// <summary>Silence counts as assent; any objection breaks silence and rejects.</summary>
    Silence,

    /// <summary>Approvals must reach a threshold share of participants; abstention counts as not approving.</summary>
    QualifiedMajority,
}

/// <summary>A nation's answer.</summary>
public enum Position
{
    Approve,
    Object,
    Abstain,
}

/// <summary>Where a consultation stands.</summary>
public enum ConsultationStatus
{
    Open,
    Adopted,
    Rejected,
    Expired,
    Withdrawn,

    /// <summary>The workflow could not go on (a step failed for good); staff were notified and can repair it.</summary>
    Failed,
}

/// <summary>The wire names of the enums above, in one place.</summary>
public static class WireNames
{
    private static readonly (ConsultationKind Kind, string Name)[] Kinds =
    [
        (ConsultationKind.JointExercise, "joint-exercise"),
        (ConsultationKind.InformationSharing, "information-sharing"),
        (ConsultationKind.MutualDefence, "mutual-defence"),
        (ConsultationKind.PolicyCoordination, "policy-coordination"),
    ];

    private static readonly (DecisionRule Rule, string Name)[] Rules =
    [
        (DecisionRule.Unanimity, "unanimity"),
        (DecisionRule.Silence, "silence"),
        (DecisionRule.QualifiedMajority, "qualified-majority"),
    ];

    private static readonly (Position Position, string Name)[] Positions =
    [
        (Position.Approve, "approve"),
        (Position.Object, "object"),
        (Position.Abstain, "abstain"),
    ];

    public static IEnumerable<string> KindNames => Kinds.Select(k => k.Name);

    public static IEnumerable<string> RuleNames => Rules.Select(r => r.Name);

    public static IEnumerable<string> PositionNames => Positions.Select(p => p.Name);

    public static string Of(ConsultationKind kind) => Kinds.First(k => k.Kind == kind).Name;

    public static string Of(DecisionRule rule) => Rules.First(r => r.Rule == rule).Name;

    public static string Of(Position position) => Positions.First(p => p.Position == position).Name;

    public static bool TryParseKind(string? name, out ConsultationKind kind) => TryParse(Kinds, name, out kind);

    public static bool TryParseRule(string? name, out DecisionRule rule) => TryParse(Rules, name, out rule);

    public static bool TryParsePosition(string? name, out Position position) => TryParse(Positions, name, out position);

    private static bool TryParse<T>((T Value, string Name)[] table, string? name, out T value)
        where T : struct
    {
        foreach (var (candidate, candidateName) in table)
        {
            if (string.Equals(candidateName, name, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
