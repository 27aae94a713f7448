using System.Diagnostics.Metrics;
using G7Flows.Workflows.Platform.Telemetry;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Metrics;
using Microsoft.Extensions.Hosting;

namespace G7Flows.Functions.Hosting;

/// <summary>
/// Sends the core's workflow metrics (<see cref="WorkflowTelemetry.Meter"/>, the same instruments the server exports
/// with OpenTelemetry) to Application Insights as custom metrics: each measurement becomes a value of the metric of the
/// instrument's name, with its attributes as dimensions, pre-aggregated by the SDK's <c>GetMetric</c>.
/// </summary>
public sealed class WorkflowMetricsBridge(TelemetryClient telemetry) : IHostedService, IDisposable
{
    private const int MaxDimensions = 10;

    private readonly MeterListener listener = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        this.listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WorkflowTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        this.listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => this.Track(instrument, value, tags));
        this.listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => this.Track(instrument, value, tags));
        this.listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        this.listener.Dispose();
        telemetry.Flush();
        return Task.CompletedTask;
    }

    public void Dispose() => this.listener.Dispose();

    private void Track(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // Application Insights metrics take up to ten dimensions, named when the metric is first used; the core's
        // instruments always send the same attributes (at most five), so the sorted names identify the series.
        var sorted = new List<KeyValuePair<string, object?>>(tags.Length);
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            sorted.Add(tag);
        }

        sorted.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        if (sorted.Count > MaxDimensions)
        {
            sorted.RemoveRange(MaxDimensions, sorted.Count - MaxDimensions);
        }

        var id = new MetricIdentifier(MetricIdentifier.DefaultMetricNamespace, instrument.Name, [.. sorted.Select(t => t.Key)]);
        Metric metric = telemetry.GetMetric(id);
        string[] values = [.. sorted.Select(t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)];
        if (metric.TryGetDataSeries(out MetricSeries series, createIfNotExists: true, values))
        {
            series.TrackValue(value);
        }
    }
}
