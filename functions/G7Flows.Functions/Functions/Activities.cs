using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Workflow;
using G7Flows.Workflows.Platform.Telemetry;
using G7Flows.Workflows.Reports.Workflow;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace G7Flows.Functions.Functions;

/// <summary>
/// The activity functions: one per activity of the core's <c>WorkflowRegistry</c>, named after its class (the
/// orchestrator calls them by <c>nameof</c>). Each resolves the core activity, with its dependencies, from the
/// invocation's services and runs it.
/// </summary>
public static class Activities
{
    [Function(nameof(OpenConsultationActivity))]
    public static Task<IReadOnlyList<ResponseEvent>> OpenConsultation([ActivityTrigger] ConsultationInput input, FunctionContext context) =>
        RunAsync<OpenConsultationActivity, ConsultationInput, IReadOnlyList<ResponseEvent>>(input, context);

    [Function(nameof(SendRemindersActivity))]
    public static Task<int> SendReminders([ActivityTrigger] ReminderRequest input, FunctionContext context) =>
        RunAsync<SendRemindersActivity, ReminderRequest, int>(input, context);

    [Function(nameof(ApplyExtensionActivity))]
    public static Task<DateTime> ApplyExtension([ActivityTrigger] ExtensionRequest input, FunctionContext context) =>
        RunAsync<ApplyExtensionActivity, ExtensionRequest, DateTime>(input, context);

    [Function(nameof(CloseConsultationActivity))]
    public static Task<CloseResult> CloseConsultation([ActivityTrigger] CloseRequest input, FunctionContext context) =>
        RunAsync<CloseConsultationActivity, CloseRequest, CloseResult>(input, context);

    [Function(nameof(MarkFailedActivity))]
    public static Task<string> MarkFailed([ActivityTrigger] FailureRequest input, FunctionContext context) =>
        RunAsync<MarkFailedActivity, FailureRequest, string>(input, context);

    [Function(nameof(PublishRecordActivity))]
    public static Task<string> PublishRecord([ActivityTrigger] string input, FunctionContext context) =>
        RunAsync<PublishRecordActivity, string, string>(input, context);

    [Function(nameof(PublishReportActivity))]
    public static Task<ReportResult> PublishReport([ActivityTrigger] PublishReportRequest input, FunctionContext context) =>
        RunAsync<PublishReportActivity, PublishReportRequest, ReportResult>(input, context);

    [Function(nameof(IndexReportActivity))]
    public static Task<bool> IndexReport([ActivityTrigger] ReportResult input, FunctionContext context) =>
        RunAsync<IndexReportActivity, ReportResult, bool>(input, context);

    [Function(nameof(ScreenRevisionActivity))]
    public static Task<StepResult> ScreenRevision([ActivityTrigger] ScreeningRequest input, FunctionContext context) =>
        RunAsync<ScreenRevisionActivity, ScreeningRequest, StepResult>(input, context);

    [Function(nameof(OpenReviewStepActivity))]
    public static Task<StepResult> OpenReviewStep([ActivityTrigger] OpenStepRequest input, FunctionContext context) =>
        RunAsync<OpenReviewStepActivity, OpenStepRequest, StepResult>(input, context);

    [Function(nameof(ConcludeStepActivity))]
    public static Task<StepOutcome> ConcludeStep([ActivityTrigger] ConcludeStepRequest input, FunctionContext context) =>
        RunAsync<ConcludeStepActivity, ConcludeStepRequest, StepOutcome>(input, context);

    [Function(nameof(StepNoticeActivity))]
    public static Task<StepNoticeResult> StepNotice([ActivityTrigger] StepNoticeRequest input, FunctionContext context) =>
        RunAsync<StepNoticeActivity, StepNoticeRequest, StepNoticeResult>(input, context);

    [Function(nameof(CloseCommentPeriodActivity))]
    public static Task<StepResult> CloseCommentPeriod([ActivityTrigger] CommentPeriodRequest input, FunctionContext context) =>
        RunAsync<CloseCommentPeriodActivity, CommentPeriodRequest, StepResult>(input, context);

    [Function(nameof(PublishDisclosureActivity))]
    public static Task<PublicationResult> PublishDisclosure([ActivityTrigger] PublicationRequest input, FunctionContext context) =>
        RunAsync<PublishDisclosureActivity, PublicationRequest, PublicationResult>(input, context);

    [Function(nameof(SettleDisclosureActivity))]
    public static Task<StepResult> SettleDisclosure([ActivityTrigger] SettleRequest input, FunctionContext context) =>
        RunAsync<SettleDisclosureActivity, SettleRequest, StepResult>(input, context);

    [Function(nameof(MarkDisclosureFailedActivity))]
    public static Task<StepResult> MarkDisclosureFailed([ActivityTrigger] DisclosureFailure input, FunctionContext context) =>
        RunAsync<MarkDisclosureFailedActivity, DisclosureFailure, StepResult>(input, context);

    private static Task<TOutput> RunAsync<TActivity, TInput, TOutput>(TInput input, FunctionContext context)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(context);
        TActivity activity = context.InstanceServices.GetRequiredService<TActivity>();
        var activityContext = new FunctionActivityContext(typeof(TActivity).Name, context);
        return ActivityTelemetry.RunAsync(
            typeof(TActivity).Name, activityContext.InstanceId, () => activity.RunAsync(activityContext, input), context.GetLogger("G7Flows.Workflows.Activities"));
    }
}
