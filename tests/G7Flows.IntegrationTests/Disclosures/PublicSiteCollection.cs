using G7Flows.IntegrationTests.Infrastructure;
using Xunit;

namespace G7Flows.IntegrationTests.Disclosures;

/// <summary>One server on its own Azurite for the public disclosure routes and the browser tests, which publish into its index.</summary>
[CollectionDefinition(Name)]
public sealed class PublicSiteCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "public disclosures on a server";
}
