using System.Net;
using System.Text.Json;

namespace G7Flows.IntegrationTests.Infrastructure;

/// <summary>The disclosure routes over real HTTP, for tests.</summary>
public sealed class DisclosureClient(ServerProcess server)
{
    private readonly Api api = new(server);

    /// <summary>A clean French defence-policy disclosure with short due times and comment period.</summary>
    public static Dictionary<string, object?> Submission(
        string nation = "FR",
        string kind = "defence-policy",
        string body = "# Defence policy\n\nThe programming law sets the priorities for the coming years.",
        string commentPeriod = "PT10S",
        string? embargoUntil = null,
        object? expenditure = null,
        string title = "Defence policy review 2026") => new()
        {
            ["nation"] = nation,
            ["kind"] = kind,
            ["title"] = title,
            ["body"] = body,
            ["commentPeriod"] = commentPeriod,
            ["embargoUntil"] = embargoUntil,
            ["expenditure"] = expenditure,
        };

    public Task<Reply> SendAsync(HttpMethod method, string path, string? token, object? body = null, Action<HttpRequestMessage>? configure = null) =>
        this.api.SendAsync(method, path, token, body, configure);

    public async Task<string> SubmitAsync(object submission, string? token = null)
    {
        Reply reply = await this.SendAsync(HttpMethod.Post, "/api/disclosures", token ?? Tokens.Staff(), submission);
        if (reply.Status != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Submission failed: {reply.Status} {reply.Text}");
        }

        return reply.Body.GetProperty("id").GetString()!;
    }

    public Task<Reply> GetAsync(string id, string? token = null) =>
        this.SendAsync(HttpMethod.Get, $"/api/disclosures/{id}", token ?? Tokens.Staff());

    public Task<Reply> ReviewAsync(string id, string step, string decision, string? comment = null, string? token = null, string nation = "FR") =>
        this.SendAsync(HttpMethod.Post, $"/api/disclosures/{id}/reviews/{step}", token ?? TokenFor(step, nation), new { decision, comment });

    public Task<Reply> ReviseAsync(string id, string body, object? expenditure = null, string? token = null) =>
        this.SendAsync(HttpMethod.Post, $"/api/disclosures/{id}/revisions", token ?? Tokens.Staff(), new { body, expenditure });

    public Task<Reply> CommentAsync(string id, string text, string org = "Open Budget Watch") =>
        this.SendAsync(HttpMethod.Post, $"/api/disclosures/{id}/comments", Tokens.CivilSociety(org), new { text });

    public Task<Reply> ModerateAsync(string id, string commentId, string decision, string? reason = null, string? token = null) =>
        this.SendAsync(HttpMethod.Post, $"/api/disclosures/{id}/comments/{commentId}/moderation", token ?? Tokens.Staff("moderator@g7.example"), new { decision, reason });

    public Task<Reply> WithdrawAsync(string id, string reason = "Withdrawn by the delegation.") =>
        this.SendAsync(HttpMethod.Post, $"/api/disclosures/{id}/withdraw", Tokens.Staff(), new { reason });

    public static string TokenFor(string step, string nation = "FR") => step switch
    {
        "security" => Tokens.SecurityReviewer(nation),
        "human-rights" => Tokens.HumanRightsReviewer(),
        "final" => Tokens.Approver(nation),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Not a review step."),
    };

    /// <summary>Polls the disclosure until <paramref name="ready"/> holds for it.</summary>
    public async Task<JsonElement> WaitAsync(string id, Func<JsonElement, bool> ready, string what, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        Reply last;
        do
        {
            last = await this.GetAsync(id);
            if (last.Status == HttpStatusCode.OK && ready(last.Body))
            {
                return last.Body;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Disclosure {id} did not reach '{what}' in time; last state: {last.Text}\nServer output:\n{server.Output[^Math.Min(server.Output.Length, 4000)..]}");
    }

    /// <summary>Waits until the disclosure has <paramref name="status"/> (and, for a review step, its task is open).</summary>
    public Task<JsonElement> WaitForStatusAsync(string id, string status, TimeSpan? timeout = null) =>
        this.WaitAsync(
            id,
            d => d.GetProperty("status").GetString() == status
                && (status is not ("SecurityReview" or "HumanRightsReview" or "FinalApproval") || d.GetProperty("currentStep").ValueKind == JsonValueKind.String),
            status,
            timeout);

    /// <summary>Takes a fresh disclosure through security and human-rights approval into its comment period.</summary>
    public async Task<string> IntoCommentPeriodAsync(Dictionary<string, object?> submission)
    {
        string id = await this.SubmitAsync(submission);
        await this.WaitForStatusAsync(id, "SecurityReview");
        Expect(HttpStatusCode.Accepted, await this.ReviewAsync(id, "security", "approve", nation: (string)submission["nation"]!));
        await this.WaitForStatusAsync(id, "HumanRightsReview");
        Expect(HttpStatusCode.Accepted, await this.ReviewAsync(id, "human-rights", "approve"));
        await this.WaitForStatusAsync(id, "PublicComment");
        return id;
    }

    public static void Expect(HttpStatusCode status, Reply reply)
    {
        if (reply.Status != status)
        {
            throw new Xunit.Sdk.XunitException($"Expected {(int)status}, got {(int)reply.Status}: {reply.Text}");
        }
    }
}
