using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Consultations.Workflow;
using G7Flows.Workflows.Platform.Durable;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace G7Flows.Workflows.Tests.Consultations.Workflow;

/// <summary>
/// When a deciding answer's event is sent: after its response has gone, unless several sends are already under way
/// (then before, so that a slow queue slows the answers that feed it).
/// </summary>
public sealed class DecisiveAnswersTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(Now);
    private readonly Mock<DurableTaskClient> client = new("test");
    private readonly List<ResponseEvent> sent = [];
    private readonly ConsultationStore store = new(StorageClients.FromConnectionString("UseDevelopmentStorage=true"));
    private readonly DecisiveAnswers answers;

    public DecisiveAnswersTests()
    {
        this.answers = new DecisiveAnswers(
            this.store,
            new OrchestrationSightings(),
            new FaultInjector(new ConfigurationBuilder().Build()),
            this.clock,
            NullLogger<DecisiveAnswers>.Instance);
    }

    [Fact]
    public async Task The_event_is_sent_once_the_response_has_completed_and_not_before()
    {
        // Arrange
        this.SendsComplete();
        var (http, response) = Context();

        // Act
        await this.answers.RaiseForAnswerAsync(http, this.client.Object, Snapshot("c1"), Answer("DE"), CancellationToken.None);
        int beforeCompletion = this.SentCount();
        await response.CompleteAsync();
        await WaitUntilAsync(() => this.SentCount() == 1);

        // Assert
        Assert.Equal(0, beforeCompletion);
        ResponseEvent message = Assert.Single(this.Sent());
        Assert.Equal(("DE", Position.Object, true), (message.Nation, message.Position, message.Decisive));
        this.client.Verify(c => c.RaiseEventAsync("c1", ConsultationEvents.Response, It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_host_that_never_reports_completion_still_gets_the_event_sent_after_a_short_wait()
    {
        // Arrange
        this.SendsComplete();
        var (http, _) = Context();

        // Act
        await this.answers.RaiseForAnswerAsync(http, this.client.Object, Snapshot("c2"), Answer("FR"), CancellationToken.None);
        int beforeWait = this.SentCount();
        await WaitUntilAsync(() =>
        {
            this.clock.Advance(TimeSpan.FromMilliseconds(500));
            return this.SentCount() == 1;
        });

        // Assert
        Assert.Equal(0, beforeWait);
        Assert.Equal("FR", Assert.Single(this.Sent()).Nation);
    }

    [Fact]
    public async Task Beyond_the_deferred_limit_the_answer_waits_for_its_own_send()
    {
        // Arrange: the deferred answers' responses never complete, so their sends stay under way.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        this.client
            .Setup(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string _, object? payload, CancellationToken _) => this.Record(payload))
            .Returns(gate.Task);
        for (int i = 0; i < DecisiveAnswers.MaxDeferred; i++)
        {
            await this.answers.RaiseForAnswerAsync(Context().Http, this.client.Object, Snapshot($"d{i}"), Answer("IT"), CancellationToken.None);
        }

        // Act
        Task inline = this.answers.RaiseForAnswerAsync(Context().Http, this.client.Object, Snapshot("inline"), Answer("GB"), CancellationToken.None);
        await WaitUntilAsync(() => this.SentCount() == 1);
        bool finishedBeforeItsSend = inline.IsCompleted;
        gate.SetResult();
        await inline.WaitAsync(Patience);

        // Assert: only the inline one was sent; the answer's call finished only when its send did.
        Assert.False(finishedBeforeItsSend);
        Assert.Equal("GB", Assert.Single(this.Sent()).Nation);
    }

    public void Dispose() => this.store.Dispose();

    private static (HttpContext Http, CompletingResponse Response) Context()
    {
        var http = new DefaultHttpContext();
        var response = new CompletingResponse();
        http.Features.Set<IHttpResponseFeature>(response);
        return (http, response);
    }

    private static ConsultationSnapshot Snapshot(string id) => new(
        new ConsultationEntity { PartitionKey = id, Status = nameof(ConsultationStatus.Open), CreatedAt = Now.AddHours(-1), Deadline = Now.AddDays(1) },
        []);

    private static PositionEntity Answer(string nation) => new()
    {
        PartitionKey = "c",
        Nation = nation,
        Position = nation == "DE" ? "object" : "approve",
        Respondent = $"reviewer.{nation.ToLowerInvariant()}@g7.example",
        RespondedAt = Now,
    };

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private void SendsComplete() =>
        this.client
            .Setup(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string _, object? payload, CancellationToken _) => this.Record(payload))
            .Returns(Task.CompletedTask);

    private void Record(object? payload)
    {
        lock (this.sent)
        {
            this.sent.Add((ResponseEvent)payload!);
        }
    }

    private int SentCount()
    {
        lock (this.sent)
        {
            return this.sent.Count;
        }
    }

    private List<ResponseEvent> Sent()
    {
        lock (this.sent)
        {
            return [.. this.sent];
        }
    }

    /// <summary>A response feature that runs its completion callbacks when told to, as a server does once the response has gone.</summary>
    private sealed class CompletingResponse : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> completed = [];

        public override void OnCompleted(Func<object, Task> callback, object state) => this.completed.Add((callback, state));

        public async Task CompleteAsync()
        {
            foreach (var (callback, state) in this.completed)
            {
                await callback(state);
            }
        }
    }
}
