using System.Collections.Concurrent;
using System.Threading.Channels;
using G7Flows.Server.Hosting;
using G7Flows.Workflows.Platform.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace G7Flows.Functions.Tests.Hosting;

/// <summary>The server's scheduler on a controlled clock: when it runs, what it makes up after downtime, what it keeps.</summary>
public sealed class ScheduleRunnerTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Step = TimeSpan.FromHours(1);
    private static readonly DateTimeOffset Nov30 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Dec1 = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(Nov30);
    private readonly MemoryStatusStore statuses = new();
    private readonly Channel<(DateTimeOffset Occurrence, DateTimeOffset Now)> runs = Channel.CreateUnbounded<(DateTimeOffset, DateTimeOffset)>();
    private ScheduleRunner? runner;

    [Fact]
    public async Task A_first_start_runs_nothing_and_runs_at_the_next_occurrence()
    {
        // Act
        await this.StartAsync();

        // Assert: the status is written (a positive signal that the start is over) and nothing ran.
        ScheduleStatus first = await this.statuses.NextWriteAsync();
        Assert.Equal(new ScheduleStatus(null, Dec1), first);
        Assert.False(this.runs.Reader.TryRead(out _));

        // Act: time reaches the occurrence.
        var (occurrence, now) = await this.AdvanceUntilRunAsync(Dec1);

        // Assert
        Assert.Equal(Dec1, occurrence);
        Assert.True(now >= Dec1);
        Assert.Equal(new ScheduleStatus(Dec1, new DateTimeOffset(2027, 1, 1, 6, 0, 0, TimeSpan.Zero)), await this.statuses.NextWriteAsync());
    }

    [Fact]
    public async Task An_occurrence_missed_while_no_server_ran_is_made_up_once_at_start()
    {
        // Arrange: the last run was on 1 October; the server was down over 1 November 06:00.
        this.statuses.Set(new ScheduleStatus(new DateTimeOffset(2026, 10, 1, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero)));

        // Act
        await this.StartAsync();

        // Assert: one run, for the missed occurrence, at once (the clock has not moved).
        var (occurrence, now) = await this.runs.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero), occurrence);
        Assert.Equal(Nov30, now);
        Assert.Equal(new ScheduleStatus(new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero), Dec1), await this.statuses.NextWriteAsync());
        Assert.False(this.runs.Reader.TryRead(out _));

        // And the schedule goes on as usual.
        Assert.Equal(Dec1, (await this.AdvanceUntilRunAsync(Dec1)).Occurrence);
    }

    [Fact]
    public async Task A_restart_before_the_next_occurrence_makes_nothing_up()
    {
        // Arrange: the server ran on 1 November and stopped; it starts again before 1 December.
        this.statuses.Set(new ScheduleStatus(new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero), Dec1));

        // Act
        await this.StartAsync();

        // Assert
        Assert.Equal(new ScheduleStatus(new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero), Dec1), await this.statuses.NextWriteAsync());
        Assert.False(this.runs.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_failing_run_is_logged_and_the_schedule_goes_on()
    {
        // Arrange
        int calls = 0;
        await this.StartAsync((_, _) =>
        {
            calls++;
            return calls == 1 ? throw new InvalidOperationException("storage is down") : Task.CompletedTask;
        });
        await this.statuses.NextWriteAsync();

        // Act: two occurrences pass; the first run fails.
        this.clock.SetUtcNow(Dec1);
        ScheduleStatus afterFirst = await this.AdvanceUntilWriteAsync();
        this.clock.SetUtcNow(new DateTimeOffset(2027, 1, 1, 6, 0, 0, TimeSpan.Zero));
        ScheduleStatus afterSecond = await this.AdvanceUntilWriteAsync();

        // Assert: the second ran, and the status says so.
        Assert.Null(afterFirst.Last);
        Assert.Equal(2, calls);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 6, 0, 0, TimeSpan.Zero), afterSecond.Last);
    }

    [Fact]
    public async Task A_schedule_more_frequent_than_once_a_minute_keeps_no_status_and_runs_at_each_occurrence()
    {
        // Arrange: a status that would be past due, were the schedule monitored (as the Functions host's UseMonitor
        // default: only schedules of a minute or more are).
        this.statuses.Set(new ScheduleStatus(null, new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero)));

        // Act
        await this.StartAsync(expression: "*/15 * * * * *");
        var first = await this.AdvanceUntilRunAsync(Nov30, TimeSpan.FromSeconds(5));
        var second = await this.AdvanceUntilRunAsync(this.clock.GetUtcNow(), TimeSpan.FromSeconds(5));

        // Assert: nothing made up, two runs on the quarter-minutes, no status read or written.
        Assert.False(this.runner!.Monitored);
        Assert.Equal(Nov30.AddSeconds(15), first.Occurrence);
        Assert.Equal(Nov30.AddSeconds(30), second.Occurrence);
        Assert.Equal(0, this.statuses.Reads);
        Assert.Equal(0, this.statuses.Writes);
    }

    [Theory]
    [InlineData("0 0 6 1 * *", true)]
    [InlineData("0 * * * * *", true)]
    [InlineData("*/30 * * * * *", false)]
    [InlineData("*/15 * * * * *", false)]
    public void Only_schedules_of_a_minute_or_more_are_monitored(string expression, bool monitored)
    {
        // Act
        ScheduleRunner runner = this.Runner(expression, (_, _) => Task.CompletedTask);

        // Assert
        Assert.Equal(monitored, runner.Monitored);
    }

    public async ValueTask DisposeAsync()
    {
        if (this.runner is not null)
        {
            await this.runner.StopAsync(CancellationToken.None);
            this.runner.Dispose();
        }
    }

    private Task StartAsync(Func<DateTimeOffset, DateTimeOffset, Task>? work = null, string expression = "0 0 6 1 * *")
    {
        work ??= (occurrence, now) =>
        {
            this.runs.Writer.TryWrite((occurrence, now));
            return Task.CompletedTask;
        };
        this.runner = this.Runner(expression, work);
        return this.runner.StartAsync(CancellationToken.None);
    }

    private ScheduleRunner Runner(string expression, Func<DateTimeOffset, DateTimeOffset, Task> work) => new(
        new ScheduledWork("Test", "Test:Schedule", expression, (_, _, occurrence, now, _) => work(occurrence, now)),
        CronExpression.Parse(expression),
        this.statuses,
        new Mock<DurableTaskClient>("test").Object,
        new ServiceCollection().BuildServiceProvider(),
        this.clock,
        NullLogger<ScheduleRunner>.Instance);

    /// <summary>
    /// Moves the clock to <paramref name="at"/>, then on by an hour at a time until a run is reported: a runner that
    /// read the clock just before it was moved arms its timer from the new time, and only a further step fires it.
    /// </summary>
    private async Task<(DateTimeOffset Occurrence, DateTimeOffset Now)> AdvanceUntilRunAsync(DateTimeOffset at, TimeSpan? step = null)
    {
        this.clock.SetUtcNow(at);
        using var timeout = new CancellationTokenSource(Patience);

        // One read for the whole wait: a new read per step would leave the earlier ones waiting, and the channel hands
        // the run to the oldest waiting read, which nobody looks at any more.
        Task<(DateTimeOffset, DateTimeOffset)> read = this.runs.Reader.ReadAsync(timeout.Token).AsTask();
        while (await Task.WhenAny(read, Task.Delay(20, timeout.Token)) != read)
        {
            this.clock.Advance(step ?? Step);
        }

        return await read;
    }

    private async Task<ScheduleStatus> AdvanceUntilWriteAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        Task<ScheduleStatus> write = this.statuses.NextWriteAsync();
        while (await Task.WhenAny(write, Task.Delay(20, timeout.Token)) != write)
        {
            this.clock.Advance(Step);
        }

        return await write;
    }

    /// <summary>A status store in memory that reports each write.</summary>
    private sealed class MemoryStatusStore : IScheduleStatusStore
    {
        private readonly ConcurrentDictionary<string, ScheduleStatus> rows = new();
        private readonly Channel<ScheduleStatus> writes = Channel.CreateUnbounded<ScheduleStatus>();
        private ScheduleStatus? seeded;

        private int reads;
        private int writeCount;

        public int Reads => this.reads;

        public int Writes => this.writeCount;

        public void Set(ScheduleStatus status) => this.seeded = status;

        public Task<ScheduleStatus> NextWriteAsync() => this.writes.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        public Task<ScheduleStatus?> GetAsync(string name, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref this.reads);
            return Task.FromResult(this.rows.TryGetValue(name, out ScheduleStatus? status) ? status : this.seeded);
        }

        public Task SetAsync(string name, ScheduleStatus status, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref this.writeCount);
            this.rows[name] = status;
            this.writes.Writer.TryWrite(status);
            return Task.CompletedTask;
        }
    }
}
