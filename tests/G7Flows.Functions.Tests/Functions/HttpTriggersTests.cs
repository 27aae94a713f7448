using G7Flows.Functions.Functions;
using G7Flows.Functions.Tests.Support;
using G7Flows.Workflows.Consultations.Api;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace G7Flows.Functions.Tests.Functions;

/// <summary>
/// The HTTP functions over the core's handlers, for requests that are decided before storage is touched:
/// they are refused with the right problem, and the durable client is never asked to start or signal anything.
/// </summary>
public sealed class HttpTriggersTests : IDisposable
{
    private readonly ServiceProvider services = Requests.CoreServices();
    private readonly Mock<DurableTaskClient> client = new("test");
    private readonly HttpTriggers functions;

    public HttpTriggersTests()
    {
        this.functions = new HttpTriggers(this.services.GetRequiredService<ConsultationApi>(), this.services.GetRequiredService<HealthApi>(), this.services.GetRequiredService<InboxApi>());
    }

    public void Dispose() => this.services.Dispose();

    [Fact]
    public async Task Start_without_a_token_is_401()
    {
        // Arrange
        HttpRequest request = Requests.PostJson(this.services, user: null, ValidProposal());

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.StartConsultation(request, this.client.Object), request);

        // Assert
        Assert.Equal(StatusCodes.Status401Unauthorized, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        this.AssertNothingScheduledOrRaised();
    }

    [Fact]
    public async Task Start_by_a_reviewer_is_403()
    {
        // Arrange
        HttpRequest request = Requests.PostJson(this.services, Callers.Reviewer("FR"), ValidProposal());

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.StartConsultation(request, this.client.Object), request);

        // Assert
        Assert.Equal(StatusCodes.Status403Forbidden, answer.Status);
        Assert.Equal(StatusCodes.Status403Forbidden, answer.Json.GetProperty("status").GetInt32());
        this.AssertNothingScheduledOrRaised();
    }

    [Fact]
    public async Task Start_with_an_invalid_body_is_400_with_an_error_per_field()
    {
        // Arrange
        var body = new { title = "", kind = "treaty", participants = new[] { "FR" }, proposer = "XX", rule = "majority", responseWindow = "soon" };
        HttpRequest request = Requests.PostJson(this.services, Callers.Staff(), body);

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.StartConsultation(request, this.client.Object), request);

        // Assert
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal(["kind", "participants", "proposer", "responseWindow", "rule", "title"], answer.ErrorFields.Order(StringComparer.Ordinal));
        this.AssertNothingScheduledOrRaised();
    }

    [Fact]
    public async Task Start_with_malformed_JSON_is_400_for_the_body()
    {
        // Arrange
        HttpRequest request = Requests.Post(this.services, Callers.Staff(), "this is not JSON", "application/json");

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.StartConsultation(request, this.client.Object), request);

        // Assert
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["$"], answer.ErrorFields);
        this.AssertNothingScheduledOrRaised();
    }

    [Fact]
    public async Task Start_with_a_non_JSON_body_is_415()
    {
        // Arrange
        HttpRequest request = Requests.Post(this.services, Callers.Staff(), "title=Exercise", "application/x-www-form-urlencoded");

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.StartConsultation(request, this.client.Object), request);

        // Assert
        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, answer.Status);
        this.AssertNothingScheduledOrRaised();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Start_with_a_body_over_1_MiB_is_413_whether_or_not_its_length_is_announced(bool sendContentLength)
    {
        // Arrange
        byte[] body = new byte[RequestReader.MaxBodyBytes + 1];
        Array.Fill(body, (byte)' ');
        HttpRequest request = Requests.Create(this.services, HttpMethods.Post, Callers.Staff(), body, "application/json", sendContentLength: sendContentLength);

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.StartConsultation(request, this.client.Object), request);

        // Assert
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, answer.Status);
        this.AssertNothingScheduledOrRaised();
    }

    [Fact]
    public async Task Start_with_an_unprintable_idempotency_key_is_400()
    {
        // Arrange
        HttpRequest request = Requests.PostJson(this.services, Callers.Staff(), ValidProposal());
        request.Headers[ConsultationApi.IdempotencyKeyHeader] = "key\u00e9";

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.StartConsultation(request, this.client.Object), request);

        // Assert
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal([ConsultationApi.IdempotencyKeyHeader], answer.ErrorFields);
        this.AssertNothingScheduledOrRaised();
    }

    [Fact]
    public async Task A_FR_reviewer_answering_for_DE_is_403()
    {
        // Arrange
        HttpRequest request = Requests.PostJson(this.services, Callers.Reviewer("FR"), new { position = "approve" });

        // Act
        Answer answer = await Requests.ExecuteAsync(
            await this.functions.RespondToConsultation(request, this.client.Object, ConsultationIds.New(), "DE"), request);

        // Assert
        Assert.Equal(StatusCodes.Status403Forbidden, answer.Status);
        Assert.Contains("FR", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        this.AssertNothingScheduledOrRaised();
    }

    [Fact]
    public async Task Staff_answering_for_a_nation_is_403()
    {
        // Arrange
        HttpRequest request = Requests.PostJson(this.services, Callers.Staff(), new { position = "approve" });

        // Act
        Answer answer = await Requests.ExecuteAsync(
            await this.functions.RespondToConsultation(request, this.client.Object, ConsultationIds.New(), "FR"), request);

        // Assert
        Assert.Equal(StatusCodes.Status403Forbidden, answer.Status);
        this.AssertNothingScheduledOrRaised();
    }

    [Fact]
    public async Task A_response_without_a_known_position_is_400()
    {
        // Arrange
        HttpRequest request = Requests.PostJson(this.services, Callers.Reviewer("FR"), new { position = "maybe" });

        // Act
        Answer answer = await Requests.ExecuteAsync(
            await this.functions.RespondToConsultation(request, this.client.Object, ConsultationIds.New(), "FR"), request);

        // Assert
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["position"], answer.ErrorFields);
        this.AssertNothingScheduledOrRaised();
    }

    [Fact]
    public async Task Withdraw_by_a_reviewer_is_403()
    {
        // Arrange
        HttpRequest request = Requests.PostJson(this.services, Callers.Reviewer("DE"), new { reason = "No longer needed." });

        // Act
        Answer answer = await Requests.ExecuteAsync(
            await this.functions.WithdrawConsultation(request, this.client.Object, ConsultationIds.New()), request);

        // Assert
        Assert.Equal(StatusCodes.Status403Forbidden, answer.Status);
        this.AssertNothingScheduledOrRaised();
    }

    [Fact]
    public async Task Withdraw_without_a_reason_is_400()
    {
        // Arrange
        HttpRequest request = Requests.PostJson(this.services, Callers.Staff(), new { reason = "  " });

        // Act
        Answer answer = await Requests.ExecuteAsync(
            await this.functions.WithdrawConsultation(request, this.client.Object, ConsultationIds.New()), request);

        // Assert
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["reason"], answer.ErrorFields);
        this.AssertNothingScheduledOrRaised();
    }

    [Fact]
    public async Task Extend_without_a_token_is_401()
    {
        // Arrange
        HttpRequest request = Requests.PostJson(this.services, user: null, new { by = "P2D" });

        // Act
        Answer answer = await Requests.ExecuteAsync(
            await this.functions.ExtendConsultation(request, this.client.Object, ConsultationIds.New()), request);

        // Assert
        Assert.Equal(StatusCodes.Status401Unauthorized, answer.Status);
        this.AssertNothingScheduledOrRaised();
    }

    [Fact]
    public async Task Extend_by_more_than_90_days_is_400()
    {
        // Arrange
        HttpRequest request = Requests.PostJson(this.services, Callers.Staff(), new { by = "P91D" });

        // Act
        Answer answer = await Requests.ExecuteAsync(
            await this.functions.ExtendConsultation(request, this.client.Object, ConsultationIds.New()), request);

        // Assert
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["by"], answer.ErrorFields);
        this.AssertNothingScheduledOrRaised();
    }

    [Fact]
    public async Task Reading_a_consultation_without_a_token_is_401()
    {
        // Arrange
        HttpRequest request = Requests.Get(this.services, user: null);

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.GetConsultation(request, ConsultationIds.New()), request);

        // Assert
        Assert.Equal(StatusCodes.Status401Unauthorized, answer.Status);
    }

    [Fact]
    public async Task Reading_a_record_with_a_malformed_id_is_404()
    {
        // Arrange
        HttpRequest request = Requests.Get(this.services, Callers.Staff());

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.GetConsultationRecord(request, "../../etc"), request);

        // Assert
        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
    }

    [Fact]
    public async Task Listing_consultations_as_a_reviewer_is_403()
    {
        // Arrange
        HttpRequest request = Requests.Get(this.services, Callers.Reviewer("IT"));

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.ListConsultations(request), request);

        // Assert
        Assert.Equal(StatusCodes.Status403Forbidden, answer.Status);
    }

    [Fact]
    public async Task Listing_consultations_with_bad_filters_is_400_with_an_error_per_parameter()
    {
        // Arrange
        HttpRequest request = Requests.Get(this.services, Callers.Staff(), "?status=pending&nation=XX&pageSize=500&continuationToken=abc");

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.ListConsultations(request), request);

        // Assert
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["continuationToken", "nation", "pageSize", "status"], answer.ErrorFields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Listing_tasks_as_staff_without_a_nation_is_403()
    {
        // Arrange
        HttpRequest request = Requests.Get(this.services, Callers.Staff());

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.ListTasks(request), request);

        // Assert
        Assert.Equal(StatusCodes.Status403Forbidden, answer.Status);
    }

    [Fact]
    public async Task Health_when_storage_does_not_answer_is_503()
    {
        // Arrange
        HttpRequest request = Requests.Get(this.services, user: null);

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.Health(request), request);

        // Assert
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
    }

    private static object ValidProposal() => new
    {
        title = "Joint exercise in the Baltic",
        kind = "joint-exercise",
        summary = "A naval exercise.",
        proposer = "FR",
        participants = new[] { "FR", "DE", "IT" },
        rule = "unanimity",
        responseWindow = "P7D",
        reminders = new[] { "P1D" },
    };

    private void AssertNothingScheduledOrRaised()
    {
        this.client.Verify(
            c => c.ScheduleNewOrchestrationInstanceAsync(
                It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()),
            Times.Never);
        this.client.Verify(
            c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()),
            Times.Never);

        // Nor anything else: a refused request does not even look the instance up.
        this.client.VerifyNoOtherCalls();
    }
}
