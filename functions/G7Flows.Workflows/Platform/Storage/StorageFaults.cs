using Azure;

namespace G7Flows.Workflows.Platform.Storage;

/// <summary>Tells a storage outage (try again later) from an answer of storage (a 404 or 412 means something).</summary>
public static class StorageFaults
{
    /// <summary>True when storage did not answer, or answered with a server error.</summary>
    public static bool IsUnavailable(Exception ex) => ex switch
    {
        RequestFailedException r => r.Status is 0 or >= 500 || r.InnerException is HttpRequestException or IOException,
        HttpRequestException or IOException or TimeoutException => true,
        TaskCanceledException t => t.InnerException is TimeoutException,
        AggregateException a => a.InnerExceptions.Any(IsUnavailable),
        _ => ex.InnerException is not null && IsUnavailable(ex.InnerException),
    };
}
