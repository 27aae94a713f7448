using Azure.Core;
using Azure.Identity;

namespace G7Flows.Workflows.Platform.Hosting;

/// <summary>The managed identity that <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> names, for both hosts' telemetry.</summary>
public static class TelemetryCredential
{
    /// <summary>
    /// The credential named by an authentication string such as <c>Authorization=AAD;ClientId=&lt;client id&gt;</c>
    /// (a user-assigned identity) or <c>Authorization=AAD</c> (the system-assigned one); null when there is none.
    /// </summary>
    public static TokenCredential? FromAuthenticationString(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        var parts = authenticationString
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out string? kind) || !string.Equals(kind, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out string? clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
