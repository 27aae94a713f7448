using System.Net;
using System.Text.Json;
using G7Flows.IntegrationTests.Infrastructure;
using Xunit;

namespace G7Flows.IntegrationTests.Reports;

/// <summary>The report routes over real HTTP, for tests.</summary>
internal static class ReportCalls
{
    public static Task<Reply> RequestAsync(this Api api, string period, string? token = null) =>
        api.SendAsync(HttpMethod.Post, "/api/reports", token ?? Tokens.Staff(), new { period });

    public static Task<Reply> ReadAsync(this Api api, string period, string? accept = null) =>
        api.SendAsync(HttpMethod.Get, $"/api/public/reports/{period}", null, configure: r =>
        {
            if (accept is not null)
            {
                r.Headers.Accept.ParseAdd(accept);
            }
        });

    /// <summary>Polls the public report until it is published and in the index.</summary>
    public static async Task<JsonElement> WaitForReportAsync(this Api api, ServerProcess server, string period, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            Reply index = await api.SendAsync(HttpMethod.Get, "/api/public/reports", null);
            if (index.Status == HttpStatusCode.OK && index.Body.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("period").GetString() == period))
            {
                Reply report = await api.ReadAsync(period);
                Assert.Equal(HttpStatusCode.OK, report.Status);
                return report.Body;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Report {period} was not published in time.\nServer output:\n{server.Output[^Math.Min(server.Output.Length, 4000)..]}");
    }
}
