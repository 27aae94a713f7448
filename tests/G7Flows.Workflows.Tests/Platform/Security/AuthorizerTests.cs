using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Tests.Builders;

namespace G7Flows.Workflows.Tests.Platform.Security;

/// <summary>
/// Who may do what: every kind of caller × every action × the nation at stake. The key rule: nobody answers for a
/// nation that is not theirs, not staff, not admins.
/// </summary>
public sealed class AuthorizerTests
{
    /// <summary>The consultation FR, DE and GB take part in.</summary>
    private static readonly string[] WithFrance = ["FR", "DE", "GB"];

    /// <summary>A consultation France does not take part in.</summary>
    private static readonly string[] WithoutFrance = ["DE", "GB", "US"];

    /// <summary>
    /// The nation at stake, from the point of view of a reviewer for FR:
    /// own = FR in a consultation FR takes part in; other = DE, another participant;
    /// outsider = JP, which does not take part; own-not-taking-part = FR in a consultation without FR.
    /// </summary>
    private static readonly (string Name, string Nation, string[] Participants)[] Stakes =
    [
        ("own", "FR", WithFrance),
        ("other", "DE", WithFrance),
        ("outsider", "JP", WithFrance),
        ("own-not-taking-part", "FR", WithoutFrance),
    ];

    /// <summary>Expected status per stake (own, other, outsider, own-not-taking-part): 200 allowed, 401, 403.</summary>
    private static readonly (string Caller, ApiAction Action, string Expected)[] Table =
    [
        ("anonymous", ApiAction.StartConsultation, "401 401 401 401"),
        ("anonymous", ApiAction.ListConsultations, "401 401 401 401"),
        ("anonymous", ApiAction.ReadConsultation, "401 401 401 401"),
        ("anonymous", ApiAction.ReadRecord, "401 401 401 401"),
        ("anonymous", ApiAction.Respond, "401 401 401 401"),
        ("anonymous", ApiAction.Withdraw, "401 401 401 401"),
        ("anonymous", ApiAction.Extend, "401 401 401 401"),
        ("anonymous", ApiAction.ListTasks, "401 401 401 401"),
        ("anonymous", ApiAction.Reconcile, "401 401 401 401"),
        ("anonymous", ApiAction.TriggerReport, "401 401 401 401"),
        ("anonymous", ApiAction.ReadAudit, "401 401 401 401"),

        ("no role", ApiAction.StartConsultation, "403 403 403 403"),
        ("no role", ApiAction.ListConsultations, "403 403 403 403"),
        ("no role", ApiAction.ReadConsultation, "403 403 403 403"),
        ("no role", ApiAction.ReadRecord, "403 403 403 403"),
        ("no role", ApiAction.Respond, "403 403 403 403"),
        ("no role", ApiAction.Withdraw, "403 403 403 403"),
        ("no role", ApiAction.Extend, "403 403 403 403"),
        ("no role", ApiAction.ListTasks, "403 403 403 403"),
        ("no role", ApiAction.Reconcile, "403 403 403 403"),
        ("no role", ApiAction.TriggerReport, "403 403 403 403"),
        ("no role", ApiAction.ReadAudit, "403 403 403 403"),

        ("staff", ApiAction.StartConsultation, "200 200 200 200"),
        ("staff", ApiAction.ListConsultations, "200 200 200 200"),
        ("staff", ApiAction.ReadConsultation, "200 200 200 200"),
        ("staff", ApiAction.ReadRecord, "200 200 200 200"),
        ("staff", ApiAction.Respond, "403 403 403 403"),
        ("staff", ApiAction.Withdraw, "200 200 200 200"),
        ("staff", ApiAction.Extend, "200 200 200 200"),
        ("staff", ApiAction.ListTasks, "403 403 403 403"),
        ("staff", ApiAction.Reconcile, "403 403 403 403"),
        ("staff", ApiAction.TriggerReport, "200 200 200 200"),
        ("staff", ApiAction.ReadAudit, "200 200 200 200"),

        ("admin", ApiAction.StartConsultation, "200 200 200 200"),
        ("admin", ApiAction.ListConsultations, "200 200 200 200"),
        ("admin", ApiAction.ReadConsultation, "200 200 200 200"),
        ("admin", ApiAction.ReadRecord, "200 200 200 200"),
        ("admin", ApiAction.Respond, "403 403 403 403"),
        ("admin", ApiAction.Withdraw, "200 200 200 200"),
        ("admin", ApiAction.Extend, "200 200 200 200"),
        ("admin", ApiAction.ListTasks, "403 403 403 403"),
        ("admin", ApiAction.Reconcile, "200 200 200 200"),
        ("admin", ApiAction.TriggerReport, "200 200 200 200"),
        ("admin", ApiAction.ReadAudit, "200 200 200 200"),

        ("reviewer FR", ApiAction.StartConsultation, "403 403 403 403"),
        ("reviewer FR", ApiAction.ListConsultations, "403 403 403 403"),
        ("reviewer FR", ApiAction.ReadConsultation, "200 200 200 403"),
        ("reviewer FR", ApiAction.ReadRecord, "200 200 200 403"),
        ("reviewer FR", ApiAction.Respond, "200 403 403 403"),
        ("reviewer FR", ApiAction.Withdraw, "403 403 403 403"),
        ("reviewer FR", ApiAction.Extend, "403 403 403 403"),
        ("reviewer FR", ApiAction.ListTasks, "200 200 200 200"),
        ("reviewer FR", ApiAction.Reconcile, "403 403 403 403"),
        ("reviewer FR", ApiAction.TriggerReport, "403 403 403 403"),
        ("reviewer FR", ApiAction.ReadAudit, "403 403 403 403"),

        ("reviewer without nation", ApiAction.StartConsultation, "403 403 403 403"),
        ("reviewer without nation", ApiAction.ListConsultations, "403 403 403 403"),
        ("reviewer without nation", ApiAction.ReadConsultation, "403 403 403 403"),
        ("reviewer without nation", ApiAction.ReadRecord, "403 403 403 403"),
        ("reviewer without nation", ApiAction.Respond, "403 403 403 403"),
        ("reviewer without nation", ApiAction.Withdraw, "403 403 403 403"),
        ("reviewer without nation", ApiAction.Extend, "403 403 403 403"),
        ("reviewer without nation", ApiAction.ListTasks, "403 403 403 403"),
        ("reviewer without nation", ApiAction.Reconcile, "403 403 403 403"),
        ("reviewer without nation", ApiAction.TriggerReport, "403 403 403 403"),
        ("reviewer without nation", ApiAction.ReadAudit, "403 403 403 403"),

        ("reviewer FR and DE", ApiAction.StartConsultation, "403 403 403 403"),
        ("reviewer FR and DE", ApiAction.ListConsultations, "403 403 403 403"),
        ("reviewer FR and DE", ApiAction.ReadConsultation, "403 403 403 403"),
        ("reviewer FR and DE", ApiAction.ReadRecord, "403 403 403 403"),
        ("reviewer FR and DE", ApiAction.Respond, "403 403 403 403"),
        ("reviewer FR and DE", ApiAction.Withdraw, "403 403 403 403"),
        ("reviewer FR and DE", ApiAction.Extend, "403 403 403 403"),
        ("reviewer FR and DE", ApiAction.ListTasks, "403 403 403 403"),
        ("reviewer FR and DE", ApiAction.Reconcile, "403 403 403 403"),
        ("reviewer FR and DE", ApiAction.TriggerReport, "403 403 403 403"),
        ("reviewer FR and DE", ApiAction.ReadAudit, "403 403 403 403"),

        ("staff and reviewer FR", ApiAction.StartConsultation, "200 200 200 200"),
        ("staff and reviewer FR", ApiAction.ListConsultations, "200 200 200 200"),
        ("staff and reviewer FR", ApiAction.ReadConsultation, "200 200 200 200"),
        ("staff and reviewer FR", ApiAction.ReadRecord, "200 200 200 200"),
        ("staff and reviewer FR", ApiAction.Respond, "200 403 403 403"),
        ("staff and reviewer FR", ApiAction.Withdraw, "200 200 200 200"),
        ("staff and reviewer FR", ApiAction.Extend, "200 200 200 200"),
        ("staff and reviewer FR", ApiAction.ListTasks, "200 200 200 200"),
        ("staff and reviewer FR", ApiAction.Reconcile, "403 403 403 403"),
        ("staff and reviewer FR", ApiAction.TriggerReport, "200 200 200 200"),
        ("staff and reviewer FR", ApiAction.ReadAudit, "200 200 200 200"),
    ];

    public static TheoryData<string, ApiAction, string, int> Cases()
    {
        var data = new TheoryData<string, ApiAction, string, int>();
        foreach ((string caller, ApiAction action, string expected) in Table)
        {
            string[] statuses = expected.Split(' ');
            for (int i = 0; i < Stakes.Length; i++)
            {
                data.Add(caller, action, Stakes[i].Name, int.Parse(statuses[i], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_follows_the_permission_table(string caller, ApiAction action, string stake, int expectedStatus)
    {
        // Arrange
        (_, string nation, string[] participants) = Stakes.Single(s => s.Name == stake);

        // Act
        AuthorizationDecision decision = Authorizer.Decide(CallerCalled(caller), action, nation, participants);

        // Assert
        Assert.Equal(expectedStatus, decision.Status);
        Assert.Equal(expectedStatus == 200, decision.Allowed);
    }

    /// <summary>The consultation actions this table covers; the disclosure actions have their own table (DisclosureAuthorizerTests).</summary>
    private static readonly ApiAction[] ConsultationActions =
        [ApiAction.StartConsultation, ApiAction.ListConsultations, ApiAction.ReadConsultation, ApiAction.ReadRecord, ApiAction.Respond, ApiAction.Withdraw, ApiAction.Extend, ApiAction.ListTasks, ApiAction.Reconcile, ApiAction.TriggerReport, ApiAction.ReadAudit];

    [Fact]
    public void The_table_covers_every_caller_and_every_consultation_and_report_action()
    {
        // Act
        var covered = Table.Select(row => (row.Caller, row.Action)).ToHashSet();

        // Assert
        Assert.Equal(8 * ConsultationActions.Length, covered.Count);
        Assert.All(Table, row => Assert.Contains(row.Action, ConsultationActions));
        Assert.Equal(covered.Count, Table.Length);
    }

    [Fact]
    public void A_reviewer_may_not_answer_without_naming_a_nation()
    {
        // Act
        AuthorizationDecision decision = Authorizer.Decide(CallerCalled("reviewer FR"), ApiAction.Respond, nation: null, WithFrance);

        // Assert
        Assert.Equal(403, decision.Status);
    }

    [Fact]
    public void A_reviewer_may_answer_for_their_nation_before_the_participants_are_known()
    {
        // Act
        AuthorizationDecision decision = Authorizer.Decide(CallerCalled("reviewer FR"), ApiAction.Respond, "FR", participants: null);

        // Assert
        Assert.True(decision.Allowed);
    }

    [Fact]
    public void A_refusal_to_answer_for_another_nation_says_whose_reviewer_the_caller_is()
    {
        // Act
        AuthorizationDecision decision = Authorizer.Decide(CallerCalled("reviewer FR"), ApiAction.Respond, "DE", WithFrance);

        // Assert
        Assert.Contains("FR", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("DE", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_action_is_forbidden()
    {
        // Act
        AuthorizationDecision decision = Authorizer.Decide(CallerCalled("admin"), (ApiAction)99, "FR", WithFrance);

        // Assert
        Assert.Equal(403, decision.Status);
    }

    /// <summary>The callers of the table, read from principals as the hosts do.</summary>
    private static Caller? CallerCalled(string name)
    {
        PrincipalBuilder? principal = name switch
        {
            "anonymous" => null,
            "no role" => PrincipalBuilder.Authenticated(),
            "staff" => PrincipalBuilder.Authenticated().WithRoles(Roles.Staff),
            "admin" => PrincipalBuilder.Authenticated().WithRoles(Roles.Admin),
            "reviewer FR" => PrincipalBuilder.Authenticated().WithRoles(Roles.Reviewer).With(Caller.NationClaim, "FR"),
            "reviewer without nation" => PrincipalBuilder.Authenticated().WithRoles(Roles.Reviewer),
            "reviewer FR and DE" => PrincipalBuilder.Authenticated().WithRoles(Roles.Reviewer, "nation.FR", "nation.DE"),
            "staff and reviewer FR" => PrincipalBuilder.Authenticated().WithRoles(Roles.Staff, Roles.Reviewer, "nation.FR"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a caller of the table."),
        };

        if (principal is null)
        {
            return null;
        }

        Caller caller = principal.ToCaller() ?? throw new InvalidOperationException($"'{name}' did not authenticate.");
        return caller;
    }
}
