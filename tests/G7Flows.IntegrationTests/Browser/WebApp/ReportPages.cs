using System.Net;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.IntegrationTests.Reports;

namespace G7Flows.IntegrationTests.Browser.WebApp;

/// <summary>Reports for the web app's tests, made through the API.</summary>
public static class ReportPages
{
    /// <summary>
    /// Asks for the report of <paramref name="period"/> and waits until it is published and in the index of reports (the
    /// index is written after the renderings); returns the period.
    /// </summary>
    public static async Task<string> PublishAsync(Api api, ServerProcess server, string period)
    {
        Reply started = await api.RequestAsync(period);
        if (started.Status is not (HttpStatusCode.Accepted or HttpStatusCode.OK))
        {
            throw new InvalidOperationException($"The report for {period} was not started: {started.Status} {started.Text}");
        }

        await api.WaitForReportAsync(server, period);
        return period;
    }
}
