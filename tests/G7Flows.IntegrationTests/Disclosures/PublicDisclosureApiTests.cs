using System.Xml.Linq;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Workflows.Disclosures.PublicApi;
using G7Flows.Workflows.Disclosures.Publishing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace G7Flows.IntegrationTests.Disclosures;

/// <summary>
/// The shared handler as the functions app calls it, on the server's Azurite. The Functions host tries routes in the
/// order of their function names (Azure/azure-functions-host#9876), so there the feed's path reaches
/// <see cref="PublicDisclosureApi.GetAsync"/> with the id <c>feed.atom</c>; it must still answer with the feed.
/// </summary>
[Collection(PublicSiteCollection.Name)]
public sealed class PublicDisclosureApiTests(ServerFixture fixture)
{
    [Fact]
    public async Task The_feed_path_routed_as_a_disclosure_id_is_answered_with_the_feed()
    {
        // Arrange
        PublicDisclosure disclosure = PublicDisclosures.Policy(PublicDisclosures.NewId("routed"), title: "Routed by name");
        await PublicDisclosures.Publisher(fixture.Azurite.ConnectionString).PublishAsync(disclosure);
        var api = new PublicDisclosureApi(PublicDisclosures.Storage(fixture.Azurite.ConnectionString), NullLogger<PublicDisclosureApi>.Instance);
        using ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = HttpMethods.Get;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("g7flows.example.org");
        context.Response.Body = new MemoryStream();

        // Act
        IResult result = await api.GetAsync(context.Request, "feed.atom");
        await result.ExecuteAsync(context);

        // Assert
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.StartsWith("application/atom+xml", context.Response.ContentType, StringComparison.Ordinal);
        context.Response.Body.Position = 0;
        XDocument feed = XDocument.Load(context.Response.Body);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Contains(feed.Root!.Elements(atom + "entry"), e => e.Element(atom + "id")!.Value == $"https://g7flows.example.org/api/public/disclosures/{disclosure.Id}");
    }
}
