using System.Text.Json;
using G7Flows.IntegrationTests.Contract;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.IntegrationTests.Robustness.Infrastructure;
using Xunit;

namespace G7Flows.IntegrationTests.Robustness;

/// <summary>What a row of the matrix asks for; "open" and "closed" name the consultation it aims at.</summary>
public enum Endpoint
{
    StartConsultation,
    ListConsultations,
    GetOpenConsultation,
    GetRecordOfClosed,
    GetRecordOfOpen,
    RespondToOpen,
    RespondToClosed,
    WithdrawOpen,
    WithdrawClosed,
    ExtendOpen,
    ExtendClosed,
    ListTasks,
    Health,
    PublicIndex,
    PublicDisclosureNotPublished,
    AuditOfClosed,
    Me,
}

/// <summary>Who asks. The consultations have FR, DE and IT (open) or FR, DE and GB (closed) as participants; JP is in neither.</summary>
public enum Who
{
    Anonymous,
    Staff,
    Admin,

    /// <summary>The FR reviewer, answering for FR.</summary>
    ReviewerForOwnNation,

    /// <summary>The FR reviewer, answering for DE (which also takes part).</summary>
    ReviewerForAnotherParticipant,

    /// <summary>The JP reviewer, answering for JP (which does not take part).</summary>
    ReviewerOfNonParticipant,

    /// <summary>A reviewer with no nation claim, answering for FR.</summary>
    ReviewerWithoutNation,

    /// <summary>A reviewer with nation roles FR and DE, answering for FR: a caller with several nations acts for none.</summary>
    ReviewerWithTwoNations,

    /// <summary>A reviewer whose only nation is a free-form <c>nation</c> claim FR, answering for FR: outside Development it gives no nation.</summary>
    ReviewerWithNationClaimOnly,
}

/// <summary>
/// Every endpoint for every kind of caller, with valid requests so that only authorization decides. A request that
/// changes state aims at a consultation of its own, so that rows cannot interfere.
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class AuthorizationMatrixTests(ServerFixture fixture)
{
    /// <summary>The permission table (DOMAIN.md, "People and permissions"). Nobody answers for a nation not theirs: not staff, not admins.</summary>
    private static readonly (Endpoint Endpoint, int[] Expected)[] Table =
    [
        //                                anonymous staff admin  FR→FR  FR→DE  JP→JP  no-nation FR+DE  claim-FR
        (Endpoint.StartConsultation,   [401,      202,  202,   403,   403,   403,   403,      403,   403]),
        (Endpoint.ListConsultations,   [401,      200,  200,   403,   403,   403,   403,      403,   403]),
        (Endpoint.GetOpenConsultation, [401,      200,  200,   200,   200,   403,   403,      403,   403]),
        (Endpoint.GetRecordOfClosed,   [401,      200,  200,   200,   200,   403,   403,      403,   403]),
        (Endpoint.GetRecordOfOpen,     [401,      404,  404,   404,   404,   403,   403,      403,   403]),
        (Endpoint.RespondToOpen,       [401,      403,  403,   202,   403,   403,   403,      403,   403]),
        (Endpoint.RespondToClosed,     [401,      403,  403,   409,   403,   403,   403,      403,   403]),
        (Endpoint.WithdrawOpen,        [401,      202,  202,   403,   403,   403,   403,      403,   403]),
        (Endpoint.WithdrawClosed,      [401,      409,  409,   403,   403,   403,   403,      403,   403]),
        (Endpoint.ExtendOpen,          [401,      202,  202,   403,   403,   403,   403,      403,   403]),
        (Endpoint.ExtendClosed,        [401,      409,  409,   403,   403,   403,   403,      403,   403]),
        (Endpoint.ListTasks,           [401,      403,  403,   200,   200,   200,   403,      403,   403]),
        (Endpoint.Health,              [200,      200,  200,   200,   200,   200,   200,      200,   200]),
        (Endpoint.PublicIndex,         [200,      200,  200,   200,   200,   200,   200,      200,   200]),
        (Endpoint.PublicDisclosureNotPublished, [404, 404, 404,  404,   404,   404,   404,      404,   404]),
        (Endpoint.AuditOfClosed,       [401,      200,  200,   403,   403,   403,   403,      403,   403]),
        (Endpoint.Me,                  [401,      200,  200,   200,   200,   200,   200,      200,   200]),
    ];

    public static TheoryData<Endpoint, Who, int> Rows()
    {
        var rows = new TheoryData<Endpoint, Who, int>();
        foreach (var (endpoint, expected) in Table)
        {
            foreach (Who who in Enum.GetValues<Who>())
            {
                rows.Add(endpoint, who, expected[(int)who]);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Each_endpoint_answers_each_kind_of_caller_as_the_permission_table_says(Endpoint endpoint, Who who, int expected)
    {
        // Arrange
        Api api = fixture.Api;
        Targets targets = await Targets.OfAsync(fixture);
        bool changesState = endpoint is Endpoint.RespondToOpen or Endpoint.WithdrawOpen or Endpoint.ExtendOpen;
        string open = changesState
            ? await api.StartAsync(Api.Proposal("unanimity", ["FR", "DE", "IT"], "P1D", title: $"Authorization matrix: {endpoint} by {who}"))
            : targets.Open;
        string nation = who switch
        {
            Who.ReviewerForAnotherParticipant => "DE",
            Who.ReviewerOfNonParticipant => "JP",
            _ => "FR",
        };
        (HttpMethod Method, string Path, object? Body) request = endpoint switch
        {
            Endpoint.StartConsultation => (HttpMethod.Post, "/api/consultations", Api.Proposal("unanimity", ["FR", "DE", "IT"], "P1D", title: $"Authorization matrix: started by {who}")),
            Endpoint.ListConsultations => (HttpMethod.Get, "/api/consultations", null),
            Endpoint.GetOpenConsultation => (HttpMethod.Get, $"/api/consultations/{open}", null),
            Endpoint.GetRecordOfClosed => (HttpMethod.Get, $"/api/consultations/{targets.Closed}/record", null),
            Endpoint.GetRecordOfOpen => (HttpMethod.Get, $"/api/consultations/{open}/record", null),
            Endpoint.RespondToOpen => (HttpMethod.Post, $"/api/consultations/{open}/responses/{nation}", new { position = "approve", comment = "Agreed." }),
            Endpoint.RespondToClosed => (HttpMethod.Post, $"/api/consultations/{targets.Closed}/responses/{nation}", new { position = "approve", comment = "Agreed." }),
            Endpoint.WithdrawOpen => (HttpMethod.Post, $"/api/consultations/{open}/withdraw", new { reason = "Superseded." }),
            Endpoint.WithdrawClosed => (HttpMethod.Post, $"/api/consultations/{targets.Closed}/withdraw", new { reason = "Superseded." }),
            Endpoint.ExtendOpen => (HttpMethod.Post, $"/api/consultations/{open}/extend", new { until = DateTimeOffset.UtcNow.AddDays(8).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) }),
            Endpoint.ExtendClosed => (HttpMethod.Post, $"/api/consultations/{targets.Closed}/extend", new { until = DateTimeOffset.UtcNow.AddDays(8).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) }),
            Endpoint.ListTasks => (HttpMethod.Get, "/api/tasks", null),
            Endpoint.Health => (HttpMethod.Get, "/api/health", null),
            Endpoint.PublicIndex => (HttpMethod.Get, "/api/public/disclosures", null),
            Endpoint.PublicDisclosureNotPublished => (HttpMethod.Get, $"/api/public/disclosures/{open}", null),
            Endpoint.AuditOfClosed => (HttpMethod.Get, $"/api/consultations/{targets.Closed}/audit", null),
            Endpoint.Me => (HttpMethod.Get, "/api/me", null),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
        };

        // Act
        Reply reply = await api.SendAsync(request.Method, request.Path, TokenOf(who), request.Body);

        // Assert
        Assert.True((int)reply.Status == expected, $"{request.Method} {request.Path} by {who}: expected {expected}, got {(int)reply.Status} {reply.Text}");
        string operation = endpoint switch
        {
            Endpoint.GetOpenConsultation => "GetConsultation",
            Endpoint.GetRecordOfClosed or Endpoint.GetRecordOfOpen => "GetConsultationRecord",
            Endpoint.RespondToOpen or Endpoint.RespondToClosed => "RespondToConsultation",
            Endpoint.WithdrawOpen or Endpoint.WithdrawClosed => "WithdrawConsultation",
            Endpoint.ExtendOpen or Endpoint.ExtendClosed => "ExtendConsultation",
            Endpoint.PublicIndex => "ListPublicDisclosures",
            Endpoint.PublicDisclosureNotPublished => "GetPublicDisclosure",
            Endpoint.AuditOfClosed => "GetConsultationAudit",
            Endpoint.Me => "GetMe",
            _ => endpoint.ToString(),
        };
        IReadOnlyList<string> offContract = ContractCheck.Current.Problems(operation, (int)reply.Status, reply.ContentType?.Split(';')[0].Trim(), reply.Text, reply.Location is not null);
        Assert.True(offContract.Count == 0, "The answer does not match the OpenAPI document:\n" + string.Join("\n", offContract));
        if (expected >= 400)
        {
            Assert.Equal("application/problem+json", reply.ContentType);
            JsonElement status = reply.Body.GetProperty("status");
            Assert.True(status.ValueKind == JsonValueKind.Number && status.GetInt32() == expected, $"The problem's 'status' member is {status.GetRawText()}, not {expected}: {reply.Text}");
        }
        else
        {
            Assert.StartsWith("application/json", reply.ContentType, StringComparison.Ordinal);
        }

        if (endpoint == Endpoint.Me && expected == 200)
        {
            // The nation the caller acts for, as every other route reads it: one nation.XX role, else none.
            string? acts = who is Who.ReviewerForOwnNation or Who.ReviewerForAnotherParticipant ? "FR" : who is Who.ReviewerOfNonParticipant ? "JP" : null;
            JsonElement nationOfCaller = reply.Body.GetProperty("nation");
            Assert.Equal(acts, nationOfCaller.ValueKind == JsonValueKind.Null ? null : nationOfCaller.GetString());
        }

        if (endpoint == Endpoint.RespondToOpen)
        {
            // Only the nation's own reviewer put an answer on record; everyone else left every position pending.
            JsonElement positions = (await api.GetAsync(open)).Body.GetProperty("positions");
            int answered = positions.EnumerateArray().Count(p => p.GetProperty("position").GetString() != "pending");
            Assert.Equal(expected == 202 ? 1 : 0, answered);
        }
    }

    private static string? TokenOf(Who who) => who switch
    {
        Who.Anonymous => null,
        Who.Staff => Tokens.Staff(),
        Who.Admin => Tokens.Admin(),
        Who.ReviewerForOwnNation or Who.ReviewerForAnotherParticipant => Tokens.Reviewer("FR"),
        Who.ReviewerOfNonParticipant => Tokens.Reviewer("JP"),
        Who.ReviewerWithoutNation => Tokens.Create("reviewer.none@g7.example", ["reviewer"]),
        Who.ReviewerWithTwoNations => Tokens.Create("reviewer.frde@g7.example", ["reviewer", "nation.FR", "nation.DE"]),
        Who.ReviewerWithNationClaimOnly => Tokens.ReviewerWithNationClaim("FR"),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };
}
