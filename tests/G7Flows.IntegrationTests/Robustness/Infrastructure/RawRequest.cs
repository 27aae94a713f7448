using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using G7Flows.Workflows.Platform.Http;

namespace G7Flows.IntegrationTests.Robustness.Infrastructure;

/// <summary>
/// One request exactly as the test means it: raw body bytes, any Content-Type (or none), any Authorization header,
/// optionally chunked. <see cref="Route"/> is the endpoint it aims at (null when it aims at no endpoint at all).
/// </summary>
public sealed record RawRequest(
    string Name,
    ApiRoute? Route,
    HttpMethod Method,
    string Path,
    string? Authorization = null,
    byte[]? Body = null,
    string? ContentType = null,
    bool Chunked = false,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    public override string ToString() =>
        $"{this.Name}: {this.Method} {(this.Path.Length > 160 ? this.Path[..160] + "…" : this.Path)}"
        + (this.Body is null ? string.Empty : $" ({this.Body.Length} bytes{(this.ContentType is null ? ", no Content-Type" : ", " + this.ContentType)}{(this.Chunked ? ", chunked" : string.Empty)})");

    public async Task<RawReply> SendAsync(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(this.Method, new Uri(this.Path, UriKind.Relative));
        if (this.Authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", this.Authorization);
        }

        foreach (var (name, value) in this.Headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (this.Body is not null)
        {
            request.Content = this.Chunked ? new StreamContent(new MemoryStream(this.Body)) : new ByteArrayContent(this.Body);
            if (this.Chunked)
            {
                request.Headers.TransferEncodingChunked = true;
            }

            if (this.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", this.ContentType);
            }
        }

        try
        {
            using HttpResponseMessage response = await http.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            return new RawReply(response.StatusCode, response.Content.Headers.ContentType, text, null);
        }
        catch (HttpRequestException ex)
        {
            return new RawReply(null, null, string.Empty, ex.Message);
        }
    }
}

/// <summary>What came back: a status and body, or the reason no answer came.</summary>
public sealed record RawReply(HttpStatusCode? Status, MediaTypeHeaderValue? ContentType, string Text, string? Error)
{
    /// <summary>Why this reply is not a 4xx RFC 9457 problem among <paramref name="expected"/>; null when it is.</summary>
    /// <param name="expected">The acceptable statuses.</param>
    /// <param name="bareAllowed">The HTTP server refuses the request before the application runs: only the status is checked.</param>
    public string? WhyNotAProblem(IReadOnlyCollection<int> expected, bool bareAllowed = false)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (this.Status is not { } status)
        {
            return "no answer: " + this.Error;
        }

        int code = (int)status;
        var reasons = new List<string>();
        if (code is < 400 or > 499)
        {
            reasons.Add($"status {code} is not 4xx");
        }

        if (!expected.Contains(code))
        {
            reasons.Add($"status {code}, expected {string.Join(" or ", expected)}");
        }

        if (bareAllowed)
        {
            return reasons.Count == 0 ? null : string.Join("; ", reasons);
        }

        if (this.ContentType?.MediaType != "application/problem+json")
        {
            reasons.Add($"Content-Type '{this.ContentType}' is not application/problem+json");
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(this.Text);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                reasons.Add("the body is not a JSON object");
            }
            else
            {
                if (!root.TryGetProperty("status", out JsonElement s) || s.ValueKind != JsonValueKind.Number || s.GetInt32() != code)
                {
                    reasons.Add("the body's 'status' is not the HTTP status");
                }

                if (!root.TryGetProperty("title", out JsonElement t) || t.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(t.GetString()))
                {
                    reasons.Add("the body has no 'title'");
                }
            }
        }
        catch (JsonException)
        {
            reasons.Add("the body is not JSON");
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons) + $" — body: {(this.Text.Length > 300 ? this.Text[..300] + "…" : this.Text)}";
    }
}
