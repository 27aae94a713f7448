using System.Text.Json;
using G7Flows.Workflows;
using Xunit;

namespace G7Flows.IntegrationTests.Contract;

/// <summary>The validator the conformance test relies on accepts what the schemas allow and rejects what they do not.</summary>
public sealed class ContractSchemasTests
{
    private readonly ContractSchemas schemas = new(WorkflowApiDocument.Document);

    [Fact]
    public void A_conforming_body_passes()
    {
        using JsonDocument body = JsonDocument.Parse("""{"id":"mq3xk7vb2nw5rt6yp4zd2hc7ja","status":"Open","deadline":"2026-12-08T09:00:00+00:00"}""");

        Assert.Empty(this.schemas.Errors("ConsultationStarted", body.RootElement));
    }

    [Theory]
    [InlineData("""{"id":"not-an-id","status":"Open","deadline":"2026-12-08T09:00:00+00:00"}""")]
    [InlineData("""{"id":"mq3xk7vb2nw5rt6yp4zd2hc7ja","status":"Pending","deadline":"2026-12-08T09:00:00+00:00"}""")]
    [InlineData("""{"id":"mq3xk7vb2nw5rt6yp4zd2hc7ja","status":"Open","deadline":"next week"}""")]
    [InlineData("""{"id":"mq3xk7vb2nw5rt6yp4zd2hc7ja","status":"Open"}""")]
    public void A_body_that_breaks_the_schema_is_rejected(string json)
    {
        using JsonDocument body = JsonDocument.Parse(json);

        Assert.NotEmpty(this.schemas.Errors("ConsultationStarted", body.RootElement));
    }

    [Fact]
    public void An_unknown_value_inside_a_referenced_schema_is_rejected()
    {
        using JsonDocument body = JsonDocument.Parse("""{"items":[{"consultationId":"mq3xk7vb2nw5rt6yp4zd2hc7ja","tableStatus":"Open","engineStatus":null,"problem":"workflow-lost","repair":"x"}]}""");

        Assert.NotEmpty(this.schemas.Errors("DisagreementList", body.RootElement));
    }

    [Fact]
    public void The_check_reports_an_undocumented_status_another_media_type_a_body_off_its_schema_and_a_missing_Location()
    {
        ContractCheck check = ContractCheck.Current;
        const string problem = """{"type":"https://g7flows.dev/problems/forbidden","title":"You may not do this.","status":403,"detail":"Staff only."}""";

        Assert.Empty(check.Problems("StartConsultation", 403, "application/problem+json", problem));
        Assert.NotEmpty(check.Problems("Health", 403, "application/problem+json", problem));
        Assert.NotEmpty(check.Problems("StartConsultation", 403, "application/json", problem));
        Assert.NotEmpty(check.Problems("StartConsultation", 400, "application/problem+json", problem));
        Assert.NotEmpty(check.Problems("StartConsultation", 202, "application/json", """{"id":"mq3xk7vb2nw5rt6yp4zd2hc7ja","status":"Open","deadline":"2026-12-08T09:00:00+00:00"}""", hasLocation: false));
    }
}
