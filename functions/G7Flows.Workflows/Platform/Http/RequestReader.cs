using System.Text.Json;
using G7Flows.Workflows.Platform.Publishing;
using Microsoft.AspNetCore.Http;

namespace G7Flows.Workflows.Platform.Http;

/// <summary>Reads JSON request bodies with a size limit, answering 413, 415 and 400 problems on the way.</summary>
public static class RequestReader
{
    /// <summary>The largest body G7Flows reads: 1 MiB.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static async Task<(T? Value, byte[] Raw, IResult? Problem)> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJson(request.ContentType))
        {
            return (null, [], Problems.UnsupportedMediaType());
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, [], Problems.PayloadTooLarge(MaxBodyBytes));
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, [], Problems.PayloadTooLarge(MaxBodyBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        byte[] raw = buffer.ToArray();
        if (raw.Length == 0)
        {
            return (null, raw, Problems.Validation("$", "The request body is empty; send a JSON object."));
        }

        try
        {
            T? value = JsonSerializer.Deserialize<T>(raw, Json.Options);
            return value is null
                ? (null, raw, Problems.Validation("$", "The request body must be a JSON object, not null."))
                : (value, raw, null);
        }
        catch (JsonException ex)
        {
            string field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path.TrimStart('$', '.');
            return (null, raw, Problems.Validation(field, "This is not valid JSON of the expected type here."));
        }
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        string mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
