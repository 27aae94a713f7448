using G7Flows.IntegrationTests.Infrastructure;
using Xunit;

namespace G7Flows.IntegrationTests.Browser.WebApp;

/// <summary>The web app's browser tests share one server on Azurite (its Production environment, tokens from <see cref="Tokens"/>).</summary>
[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "web app on a server";
}
