using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using G7Flows.Functions.Functions;
using G7Flows.Workflows;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Consultations.Workflow;
using G7Flows.Workflows.Platform.Hosting;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace G7Flows.Functions.Tests.Functions;

/// <summary>
/// The activity functions resolve the core's activities from the invocation's services, as registered by
/// <c>AddG7FlowsWorkflows</c>, and run them. Storage is a mocked table client here.
/// </summary>
public sealed class ActivitiesTests
{
    private const string ConsultationId = "abcdefghijklmnopqrstuvwxyz";

    [Fact]
    public async Task OpenConsultation_resolves_its_activity_and_returns_the_stored_answers()
    {
        // Arrange
        var table = new Mock<TableClient>();
        string? filter = null;
        table
            .Setup(t => t.QueryAsync<TableEntity>(It.IsAny<string>(), It.IsAny<int?>(), It.IsAny<IEnumerable<string>?>(), It.IsAny<CancellationToken>()))
            .Callback((string f, int? _, IEnumerable<string>? _, CancellationToken _) => filter = f)
            .Returns(AsyncPageable<TableEntity>.FromPages([Page<TableEntity>.FromValues(StoredConsultation(), null, Mock.Of<Response>())]));
        using ServiceProvider services = Services(table.Object);
        FunctionContext context = Context(services, instanceId: ConsultationId);

        // Act
        IReadOnlyList<ResponseEvent> responses = await Activities.OpenConsultation(new ConsultationInput(ConsultationId, "t", DecisionRule.Unanimity, 0, ["FR", "DE"], DateTime.UtcNow.AddDays(1), []), context);

        // Assert
        Assert.Equal($"PartitionKey eq '{ConsultationId}'", filter);
        ResponseEvent answered = Assert.Single(responses);
        Assert.Equal(("FR", Position.Approve, "fr.reviewer@example.org"), (answered.Nation, answered.Position, answered.Respondent));
    }

    [Fact]
    public void Every_activity_function_resolves_its_activity_from_the_services_the_core_registers()
    {
        // Arrange
        using ServiceProvider services = Services(Mock.Of<TableClient>());

        // Act
        var resolved = WorkflowModules.Activities.Select(services.GetRequiredService).ToList();

        // Assert
        Assert.Equal(WorkflowModules.Activities, resolved.Select(a => a.GetType()));
    }

    [Fact]
    public void The_activity_context_carries_the_activity_name_and_the_orchestration_instance()
    {
        // Arrange
        using ServiceProvider services = Services(Mock.Of<TableClient>());
        FunctionContext context = Context(services, instanceId: ConsultationId);

        // Act
        var activityContext = new FunctionActivityContext(nameof(OpenConsultationActivity), context);

        // Assert
        Assert.Equal(nameof(OpenConsultationActivity), activityContext.Name.Name);
        Assert.Equal(ConsultationId, activityContext.InstanceId);
    }

    [Fact]
    public void The_activity_context_has_an_empty_instance_id_when_the_binding_data_has_none()
    {
        // Arrange
        using ServiceProvider services = Services(Mock.Of<TableClient>());
        FunctionContext context = Context(services, instanceId: null);

        // Act
        var activityContext = new FunctionActivityContext(nameof(PublishRecordActivity), context);

        // Assert
        Assert.Equal(string.Empty, activityContext.InstanceId);
    }

    private static ServiceProvider Services(TableClient table)
    {
        var tables = new Mock<TableServiceClient>();
        tables.Setup(t => t.GetTableClient(It.IsAny<string>())).Returns(table);
        var storage = new StorageClients(tables.Object, new BlobServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1")));
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton(storage)
            .AddG7FlowsWorkflows(new ConfigurationBuilder().Build())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static FunctionContext Context(IServiceProvider services, string? instanceId)
    {
        var binding = new Mock<BindingContext>();
        var data = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (instanceId is not null)
        {
            data["instanceId"] = instanceId;
        }

        binding.Setup(b => b.BindingData).Returns(data);
        var context = new Mock<FunctionContext>();
        context.Setup(c => c.InstanceServices).Returns(services);
        context.Setup(c => c.BindingContext).Returns(binding.Object);
        return context.Object;
    }

    private static TableEntity[] StoredConsultation()
    {
        var deadline = new DateTimeOffset(2030, 1, 8, 0, 0, 0, TimeSpan.Zero);
        return
        [
            new TableEntity(ConsultationId, ConsultationEntity.Row)
            {
                [nameof(ConsultationEntity.Title)] = "Joint exercise",
                [nameof(ConsultationEntity.Participants)] = "FR,DE",
                [nameof(ConsultationEntity.Rule)] = "unanimity",
                [nameof(ConsultationEntity.Status)] = nameof(ConsultationStatus.Open),
                [nameof(ConsultationEntity.Deadline)] = deadline,
            },
            new TableEntity(ConsultationId, PositionEntity.ConstructRowKey("FR"))
            {
                [nameof(PositionEntity.Nation)] = "FR",
                [nameof(PositionEntity.Position)] = WireNames.Of(Position.Approve),
                [nameof(PositionEntity.Respondent)] = "fr.reviewer@example.org",
                [nameof(PositionEntity.RespondedAt)] = deadline.AddDays(-1),
            },
            new TableEntity(ConsultationId, PositionEntity.ConstructRowKey("DE"))
            {
                [nameof(PositionEntity.Nation)] = "DE",
            },
        ];
    }
}
