using System.Net;
using G7Flows.IntegrationTests.Infrastructure;

namespace G7Flows.IntegrationTests.Browser.WebApp;

/// <summary>Reports for the web app's tests, made through the API.</summary>
public static class ReportPages
{
    /// <summary>
    /// Asks for the report of <paramref name="period"/> and waits until it is published and in the index of reports (the
    /// index is written after the renderings); returns the period.
    /// </summary>
    public static async Task<string> PublishAsync(Api api, string period)
    {
        Reply started = await api.SendAsync(HttpMethod.Post, "/api/reports", Tokens.Staff(), new { period });
        if (started.Status is not (HttpStatusCode.Accepted or HttpStatusCode.OK))
        {
            throw new InvalidOperationException($"The report for {period} was not started: {started.Status} {started.Text}");
        }

        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Reply index = await api.SendAsync(HttpMethod.Get, "/api/public/reports", null);
            if (index.Status == HttpStatusCode.OK && index.Body.GetProperty("items").EnumerateArray().Any(r => r.GetProperty("period").GetString() == period))
            {
                return period;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The report for {period} was not published within a minute.");
    }
}
