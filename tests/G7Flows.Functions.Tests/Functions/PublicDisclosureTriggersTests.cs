using G7Flows.Functions.Functions;
using G7Flows.Functions.Tests.Support;
using G7Flows.Workflows.Disclosures.PublicApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace G7Flows.Functions.Tests.Functions;

/// <summary>
/// The public disclosure functions over the core's handlers, for requests decided before storage is read (storage is
/// unreachable here, so a request that touched it would answer 503): anonymous callers get answers, not 401.
/// </summary>
public sealed class PublicDisclosureTriggersTests : IDisposable
{
    private readonly ServiceProvider services = Requests.CoreServices();
    private readonly PublicDisclosureTriggers functions;

    public PublicDisclosureTriggersTests()
    {
        this.functions = new PublicDisclosureTriggers(this.services.GetRequiredService<PublicDisclosureApi>());
    }

    public void Dispose() => this.services.Dispose();

    [Theory]
    [InlineData("a.b")]
    [InlineData("..")]
    [InlineData("id with spaces")]
    [InlineData("<script>")]
    [InlineData("x0123456789012345678901234567890123456789012345678901234567890123")]
    public async Task A_malformed_id_is_a_404_problem_for_an_anonymous_caller(string id)
    {
        // Arrange
        HttpRequest request = Requests.Get(this.services, user: null);

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.GetPublicDisclosure(request, id), request);

        // Assert
        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.EndsWith("/not-found", answer.Json.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=ten", "pageSize")]
    [InlineData("continuationToken=made-up", "continuationToken")]
    public async Task A_bad_page_request_is_a_400_naming_the_field(string query, string field)
    {
        // Arrange
        HttpRequest request = Requests.Get(this.services, user: null, "?" + query);

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.ListPublicDisclosures(request), request);

        // Assert
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal([field], answer.ErrorFields);
    }

    [Fact]
    public async Task The_index_on_unreachable_storage_is_a_503_problem_not_an_empty_list()
    {
        // Arrange
        HttpRequest request = Requests.Get(this.services, user: null);

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.ListPublicDisclosures(request), request);

        // Assert
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
    }
}
