using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace G7Flows.Server.Hosting;

/// <summary>
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are honoured only from the proxies named in section
/// <c>G7Flows:ForwardedHeaders</c> (<c>KnownProxies</c>: addresses; <c>KnownNetworks</c>: CIDR ranges, such as a
/// Container Apps environment's infrastructure subnet; <c>ForwardLimit</c>: how many proxies in a row, 1 by default).
/// With none configured the forwarded headers are not read at all (the middleware, given empty lists, would trust
/// everyone; given none, loopback), so the audit trail's "from where" is the connecting address and a client cannot
/// write its own.
/// </summary>
internal static class TrustedProxies
{
    public const string Section = "G7Flows:ForwardedHeaders";

    /// <summary>Whether any proxy is configured; only then does the server read forwarded headers.</summary>
    public static bool AnyConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        IConfigurationSection section = configuration.GetSection(Section);
        return Values(section.GetSection("KnownProxies")).Any() || Values(section.GetSection("KnownNetworks")).Any();
    }

    public static void Configure(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        IConfigurationSection section = configuration.GetSection(Section);
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list still holds loopback (127.0.0.0/8) and is still consulted.
        options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
        foreach (string proxy in Values(section.GetSection("KnownProxies")))
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out IPAddress? address)
                ? address
                : throw new InvalidOperationException($"{Section}:KnownProxies has '{proxy}', which is not an IP address."));
        }

        foreach (string network in Values(section.GetSection("KnownNetworks")))
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out System.Net.IPNetwork parsed)
                ? parsed
                : throw new InvalidOperationException($"{Section}:KnownNetworks has '{network}', which is not a CIDR range."));
        }

        options.ForwardLimit = section.GetValue<int?>("ForwardLimit") ?? 1;
    }

    /// <summary>The values of a list setting: array items (<c>KnownProxies:0</c>) or one value separated by ';' or ','.</summary>
    private static IEnumerable<string> Values(IConfigurationSection section) =>
        (section.Value is { Length: > 0 } single ? [single] : section.GetChildren().Select(c => c.Value ?? string.Empty))
            .SelectMany(v => v.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
