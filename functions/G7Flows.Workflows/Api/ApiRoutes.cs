namespace G7Flows.Workflows.Api;

/// <summary>One HTTP endpoint: its method, its route below <c>/api</c>, and the function name both hosts give it.</summary>
public sealed record ApiRoute(string Method, string Template, string Name);

/// <summary>The HTTP API, listed once; both hosts serve exactly these (a parity test checks).</summary>
public static class ApiRoutes
{
    public const string Prefix = "api";

    public const string StartConsultation = "consultations";
    public const string ListConsultations = "consultations";
    public const string GetConsultation = "consultations/{id}";
    public const string GetRecord = "consultations/{id}/record";
    public const string Respond = "consultations/{id}/responses/{nation}";
    public const string Withdraw = "consultations/{id}/withdraw";
    public const string Extend = "consultations/{id}/extend";
    public const string ListTasks = "tasks";
    public const string Health = "health";

    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("POST", StartConsultation, "StartConsultation"),
        new("GET", ListConsultations, "ListConsultations"),
        new("GET", GetConsultation, "GetConsultation"),
        new("GET", GetRecord, "GetConsultationRecord"),
        new("POST", Respond, "RespondToConsultation"),
        new("POST", Withdraw, "WithdrawConsultation"),
        new("POST", Extend, "ExtendConsultation"),
        new("GET", ListTasks, "ListTasks"),
        new("GET", Health, "Health"),
    ];
}
