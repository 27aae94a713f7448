using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Tests.Builders;

namespace G7Flows.Workflows.Tests.Platform.Security;

/// <summary>
/// Who may do what with disclosures: every kind of caller × every disclosure action × the disclosure at stake. Nobody
/// reviews a step that is not theirs or a nation that is not theirs; nobody moderates their own comment; civil society
/// reads only what is in public comment.
/// </summary>
public sealed class DisclosureAuthorizerTests
{
    private const string Subject = "subject-1";

    /// <summary>The disclosure at stake: France's in review, Germany's in review, France's in public comment.</summary>
    private static readonly (string Name, DisclosureScope Scope)[] Stakes =
    [
        ("FR in review", new DisclosureScope("FR", InPublicComment: false)),
        ("DE in review", new DisclosureScope("DE", InPublicComment: false)),
        ("FR in public comment", new DisclosureScope("FR", InPublicComment: true)),
    ];

    /// <summary>The actions, with the step or comment author they carry.</summary>
    private static readonly Dictionary<string, (ApiAction Action, string? Step, string? CommentAuthor)> Actions = new()
    {
        ["submit"] = (ApiAction.SubmitDisclosure, null, null),
        ["list"] = (ApiAction.ListDisclosures, null, null),
        ["read"] = (ApiAction.ReadDisclosure, null, null),
        ["revise"] = (ApiAction.ReviseDisclosure, null, null),
        ["review security"] = (ApiAction.ReviewDisclosure, ReviewSteps.Security, null),
        ["review human-rights"] = (ApiAction.ReviewDisclosure, ReviewSteps.HumanRights, null),
        ["review final"] = (ApiAction.ReviewDisclosure, ReviewSteps.Final, null),
        ["comment"] = (ApiAction.CommentOnDisclosure, null, null),
        ["moderate another's comment"] = (ApiAction.ModerateComment, null, "someone-else"),
        ["moderate own comment"] = (ApiAction.ModerateComment, null, Subject),
        ["withdraw"] = (ApiAction.WithdrawDisclosure, null, null),
    };

    private static readonly string[] ActionOrder =
        ["submit", "list", "read", "revise", "review security", "review human-rights", "review final", "comment", "moderate another's comment", "moderate own comment", "withdraw"];

    /// <summary>Per caller, per action (in <see cref="ActionOrder"/>), the status per stake: 200 allowed, 401, 403.</summary>
    private static readonly (string Caller, string[] Expected)[] Table =
    [
        ("anonymous", ["401 401 401", "401 401 401", "401 401 401", "401 401 401", "401 401 401", "401 401 401", "401 401 401", "401 401 401", "401 401 401", "401 401 401", "401 401 401"]),
        ("no role", ["403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403"]),
        ("staff", ["200 200 200", "200 200 200", "200 200 200", "200 200 200", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "200 200 200", "403 403 403", "200 200 200"]),
        ("admin", ["200 200 200", "200 200 200", "200 200 200", "200 200 200", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "200 200 200", "403 403 403", "200 200 200"]),
        ("security reviewer FR", ["403 403 403", "403 403 403", "200 403 200", "403 403 403", "200 403 200", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403"]),
        ("security reviewer without nation", ["403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403"]),
        ("human-rights reviewer", ["403 403 403", "403 403 403", "200 200 200", "403 403 403", "403 403 403", "200 200 200", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403"]),
        ("approver FR", ["403 403 403", "403 403 403", "200 403 200", "403 403 403", "403 403 403", "403 403 403", "200 403 200", "403 403 403", "403 403 403", "403 403 403", "403 403 403"]),
        ("approver FR and DE", ["403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403"]),
        ("civil society", ["403 403 403", "403 403 403", "403 403 200", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "200 200 200", "403 403 403", "403 403 403", "403 403 403"]),
        ("civil society without organisation", ["403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403"]),
        ("civil society with markup in its organisation", ["403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403"]),
        ("consultation reviewer FR", ["403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403", "403 403 403"]),
        ("staff and civil society", ["200 200 200", "200 200 200", "200 200 200", "200 200 200", "403 403 403", "403 403 403", "403 403 403", "200 200 200", "200 200 200", "403 403 403", "200 200 200"]),
    ];

    public static TheoryData<string, string, string, int> Cases()
    {
        var data = new TheoryData<string, string, string, int>();
        foreach ((string caller, string[] expected) in Table)
        {
            for (int a = 0; a < ActionOrder.Length; a++)
            {
                string[] statuses = expected[a].Split(' ');
                for (int s = 0; s < Stakes.Length; s++)
                {
                    data.Add(caller, ActionOrder[a], Stakes[s].Name, int.Parse(statuses[s], System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_follows_the_disclosure_permission_table(string caller, string action, string stake, int expectedStatus)
    {
        // Arrange
        DisclosureScope scope = Stakes.Single(s => s.Name == stake).Scope;
        var (apiAction, step, author) = Actions[action];

        // Act
        AuthorizationDecision decision = Authorizer.Decide(CallerCalled(caller), apiAction, disclosure: scope with { Step = step, CommentAuthor = author });

        // Assert
        Assert.Equal(expectedStatus, decision.Status);
        Assert.Equal(expectedStatus == 200, decision.Allowed);
    }

    [Fact]
    public void The_table_covers_every_disclosure_action_for_every_caller()
    {
        // Assert
        Assert.All(Table, row => Assert.Equal(ActionOrder.Length, row.Expected.Length));
        Assert.Equal(Actions.Keys.Order(), ActionOrder.Order());
        Assert.Equal(
            [ApiAction.SubmitDisclosure, ApiAction.ListDisclosures, ApiAction.ReadDisclosure, ApiAction.ReviseDisclosure, ApiAction.ReviewDisclosure, ApiAction.CommentOnDisclosure, ApiAction.ModerateComment, ApiAction.WithdrawDisclosure],
            Actions.Values.Select(a => a.Action).Distinct());
    }

    [Fact]
    public void A_review_without_a_known_step_is_forbidden_even_for_the_right_role()
    {
        // Act
        AuthorizationDecision decision = Authorizer.Decide(CallerCalled("security reviewer FR"), ApiAction.ReviewDisclosure, disclosure: new DisclosureScope("FR", Step: "legal"));

        // Assert
        Assert.Equal(403, decision.Status);
    }

    [Fact]
    public void A_refusal_to_review_another_nation_names_both_nations()
    {
        // Act
        AuthorizationDecision decision = Authorizer.Decide(CallerCalled("approver FR"), ApiAction.ReviewDisclosure, disclosure: new DisclosureScope("DE", Step: ReviewSteps.Final));

        // Assert
        Assert.Contains("FR", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("DE", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("security reviewer FR", true)]
    [InlineData("human-rights reviewer", true)]
    [InlineData("approver FR", true)]
    [InlineData("consultation reviewer FR", true)]
    [InlineData("security reviewer without nation", false)]
    [InlineData("civil society", false)]
    [InlineData("staff", false)]
    public void Every_reviewer_kind_has_an_inbox(string caller, bool allowed)
    {
        // Act
        AuthorizationDecision decision = Authorizer.Decide(CallerCalled(caller), ApiAction.ListTasks);

        // Assert
        Assert.Equal(allowed, decision.Allowed);
    }

    private static Caller? CallerCalled(string name)
    {
        PrincipalBuilder? principal = name switch
        {
            "anonymous" => null,
            "no role" => PrincipalBuilder.Authenticated(),
            "staff" => PrincipalBuilder.Authenticated().WithRoles(Roles.Staff),
            "admin" => PrincipalBuilder.Authenticated().WithRoles(Roles.Admin),
            "security reviewer FR" => PrincipalBuilder.Authenticated().WithRoles(Roles.SecurityReviewer).With(Caller.NationClaim, "FR"),
            "security reviewer without nation" => PrincipalBuilder.Authenticated().WithRoles(Roles.SecurityReviewer),
            "human-rights reviewer" => PrincipalBuilder.Authenticated().WithRoles(Roles.HumanRightsReviewer),
            "approver FR" => PrincipalBuilder.Authenticated().WithRoles(Roles.Approver, "nation.FR"),
            "approver FR and DE" => PrincipalBuilder.Authenticated().WithRoles(Roles.Approver, "nation.FR", "nation.DE"),
            "civil society" => PrincipalBuilder.Authenticated().WithRoles(Roles.CivilSociety).With(Caller.OrgClaim, "Open Budget Watch"),
            "civil society without organisation" => PrincipalBuilder.Authenticated().WithRoles(Roles.CivilSociety),
            "civil society with markup in its organisation" => PrincipalBuilder.Authenticated().WithRoles(Roles.CivilSociety).With(Caller.OrgClaim, "<script>alert(1)</script>"),
            "consultation reviewer FR" => PrincipalBuilder.Authenticated().WithRoles(Roles.Reviewer, "nation.FR"),
            "staff and civil society" => PrincipalBuilder.Authenticated().WithRoles(Roles.Staff, Roles.CivilSociety, "org.Open-Budget-Watch"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a caller of the table."),
        };

        return principal?.ToCaller() ?? (principal is null ? null : throw new InvalidOperationException($"'{name}' did not authenticate."));
    }
}
