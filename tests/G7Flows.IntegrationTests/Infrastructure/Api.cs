using System.Net;
using System.Text.Json;

namespace G7Flows.IntegrationTests.Infrastructure;

/// <summary>A reply: status, headers and the parsed JSON body.</summary>
public sealed record Reply(HttpStatusCode Status, JsonElement Body, string? ContentType, Uri? Location, string Text, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>A response or content header's value (values joined by ", "), or null.</summary>
    public string? Header(string name) => this.Headers is not null && this.Headers.TryGetValue(name, out string? value) ? value : null;

    public string? Problem => this.Body.ValueKind == JsonValueKind.Object && this.Body.TryGetProperty("type", out var t) ? t.GetString() : null;
}

/// <summary>The G7Flows HTTP API over real HTTP, for tests.</summary>
public sealed class Api(ServerProcess server)
{
    public static object Proposal(
        string rule = "unanimity",
        string[]? participants = null,
        string window = "PT30S",
        double? threshold = null,
        string title = "Joint exercise NORTHERN SHIELD",
        string[]? reminders = null) => new
        {
            title,
            kind = "joint-exercise",
            summary = "Scenario-based peacekeeping exercise to build interoperability.",
            proposer = (participants ?? ["FR", "DE", "IT"])[0],
            participants = participants ?? ["FR", "DE", "IT"],
            rule,
            threshold,
            responseWindow = window,
            reminders = reminders ?? [],
        };

    public async Task<Reply> SendAsync(HttpMethod method, string path, string? token, object? body = null, Action<HttpRequestMessage>? configure = null)
    {
        using HttpRequestMessage request = server.Request(method, path, token, body);
        configure?.Invoke(request);
        using HttpResponseMessage response = await server.Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        JsonElement json = default;
        if (text.Length > 0 && (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) ?? false))
        {
            json = JsonDocument.Parse(text).RootElement.Clone();
        }

        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Reply(response.StatusCode, json, response.Content.Headers.ContentType?.ToString(), response.Headers.Location, text, headers);
    }

    public async Task<string> StartAsync(object proposal, string? token = null)
    {
        Reply reply = await this.SendAsync(HttpMethod.Post, "/api/consultations", token ?? Tokens.Staff(), proposal);
        if (reply.Status != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Start failed: {reply.Status} {reply.Text}");
        }

        return reply.Body.GetProperty("id").GetString()!;
    }

    public Task<Reply> RespondAsync(string id, string nation, string position, string? comment = null, string? token = null) =>
        this.SendAsync(HttpMethod.Post, $"/api/consultations/{id}/responses/{nation}", token ?? Tokens.Reviewer(nation), new { position, comment });

    public Task<Reply> GetAsync(string id, string? token = null) =>
        this.SendAsync(HttpMethod.Get, $"/api/consultations/{id}", token ?? Tokens.Staff());

    /// <summary>Polls the consultation until its status leaves Open and its record is published.</summary>
    public async Task<JsonElement> WaitForRecordAsync(string id, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        Reply last;
        do
        {
            last = await this.GetAsync(id);
            if (last.Body.ValueKind == JsonValueKind.Object && last.Body.GetProperty("record").ValueKind == JsonValueKind.String)
            {
                return last.Body;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Consultation {id} was not closed and published in time; last state: {last.Text}\nServer output:\n{server.Output[^Math.Min(server.Output.Length, 4000)..]}");
    }

    /// <summary>Polls the consultation until its status is <paramref name="status"/> (for a minute unless told otherwise).</summary>
    public async Task<JsonElement> WaitForStatusAsync(string id, string status, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        Reply last;
        do
        {
            last = await this.GetAsync(id);
            if (last.Status == HttpStatusCode.OK && last.Body.ValueKind == JsonValueKind.Object && last.Body.GetProperty("status").GetString() == status)
            {
                return last.Body;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Consultation {id} did not become {status} in time; last state: {last.Text}\nServer output:\n{server.Output[^Math.Min(server.Output.Length, 4000)..]}");
    }
}
