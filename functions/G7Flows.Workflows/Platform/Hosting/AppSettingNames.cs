namespace G7Flows.Workflows.Platform.Hosting;

/// <summary>
/// The application settings G7Flows reads. Both hosts use the same names, so one deployment
/// (infra/) and one local.settings.json configure either of them.
/// </summary>
public static class AppSettingNames
{
    /// <summary>
    /// The storage connection shared by the Functions host, the Durable Task hub and G7Flows' own tables
    /// and containers. Either a connection string, or identity-based settings under this prefix:
    /// <c>AzureWebJobsStorage__credential</c> (<c>managedidentity</c>), <c>__clientId</c>,
    /// <c>__blobServiceUri</c>, <c>__queueServiceUri</c> and <c>__tableServiceUri</c>.
    /// </summary>
    public const string Storage = "AzureWebJobsStorage";

    /// <summary>
    /// G7Flows' own data (tables, records), when it has a storage account of its own (as the Bicep deploys): a
    /// connection string, or <c>G7Flows__DataStorage__credential</c>, <c>__clientId</c>, <c>__blobServiceUri</c> and
    /// <c>__tableServiceUri</c>. When unset, the data lives beside the host's in <see cref="Storage"/>.
    /// </summary>
    public const string DataStorage = "G7Flows:DataStorage";

    /// <summary>The Durable Task hub name (default <c>G7Flows</c>); host.json reads it too.</summary>
    public const string TaskHub = "G7Flows__TaskHub";

    /// <summary>Set to <c>true</c> by App Service when App Service Authentication (Easy Auth) is on.</summary>
    public const string EasyAuthEnabled = "WEBSITE_AUTH_ENABLED";

    /// <summary>Application Insights connection string.</summary>
    public const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// Application Insights authentication, <c>Authorization=AAD;ClientId=...</c> for a user-assigned
    /// managed identity.
    /// </summary>
    public const string ApplicationInsightsAuthentication = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>
    /// The settings the Functions app needs at startup when it runs with a managed identity (no keys).
    /// Infrastructure must provide every one of them; a test checks the compiled template.
    /// </summary>
    public static IReadOnlyList<string> RequiredIdentityBasedFunctionSettings { get; } =
    [
        Storage + "__credential",
        Storage + "__clientId",
        Storage + "__blobServiceUri",
        Storage + "__queueServiceUri",
        Storage + "__tableServiceUri",
        TaskHub,
        ApplicationInsightsConnectionString,
        ApplicationInsightsAuthentication,
    ];
}
