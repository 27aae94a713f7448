using G7Flows.Workflows.Api;
using Microsoft.DurableTask.Client;

namespace G7Flows.Server.Hosting;

/// <summary>Maps the API of <see cref="ApiRoutes"/> to the core's shared handlers.</summary>
public static class ServerEndpoints
{
    public static IEndpointRouteBuilder MapG7FlowsApi(this IEndpointRouteBuilder endpoints)
    {
        RouteGroupBuilder api = endpoints.MapGroup("/" + ApiRoutes.Prefix);
        Name(api.MapPost(ApiRoutes.StartConsultation, (HttpRequest r, ConsultationApi h, DurableTaskClient c) => h.StartAsync(r, c)), "StartConsultation");
        Name(api.MapGet(ApiRoutes.ListConsultations, (HttpRequest r, ConsultationApi h) => h.ListAsync(r)), "ListConsultations");
        Name(api.MapGet(ApiRoutes.GetConsultation, (HttpRequest r, ConsultationApi h, string id) => h.GetAsync(r, id)), "GetConsultation");
        Name(api.MapGet(ApiRoutes.GetRecord, (HttpRequest r, ConsultationApi h, string id) => h.GetRecordAsync(r, id)), "GetConsultationRecord");
        Name(api.MapPost(ApiRoutes.Respond, (HttpRequest r, ConsultationApi h, DurableTaskClient c, string id, string nation) => h.RespondAsync(r, c, id, nation)), "RespondToConsultation");
        Name(api.MapPost(ApiRoutes.Withdraw, (HttpRequest r, ConsultationApi h, DurableTaskClient c, string id) => h.WithdrawAsync(r, c, id)), "WithdrawConsultation");
        Name(api.MapPost(ApiRoutes.Extend, (HttpRequest r, ConsultationApi h, DurableTaskClient c, string id) => h.ExtendAsync(r, c, id)), "ExtendConsultation");
        Name(api.MapGet(ApiRoutes.ListTasks, (HttpRequest r, ConsultationApi h) => h.ListTasksAsync(r)), "ListTasks");
        Name(api.MapGet(ApiRoutes.Health, (HttpRequest r, ConsultationApi h) => h.HealthAsync(r)), "Health");
        return endpoints;
    }

    private static void Name(RouteHandlerBuilder builder, string name)
    {
        if (!ApiRoutes.All.Any(r => r.Name == name))
        {
            throw new InvalidOperationException($"{name} is not in ApiRoutes.");
        }

        builder.WithName(name);
    }
}
