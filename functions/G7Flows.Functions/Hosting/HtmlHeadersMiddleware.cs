using G7Flows.Workflows.Platform.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace G7Flows.Functions.Hosting;

/// <summary>
/// The functions app's half of the host-wide HTML policy (<see cref="HtmlResponseHeaders"/>): every HTTP invocation's
/// response gets <c>X-Content-Type-Options: nosniff</c>, and a <c>text/html</c> one the Content Security Policy,
/// whichever function wrote it.
/// </summary>
public sealed class HtmlHeadersMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is { } http)
        {
            HtmlResponseHeaders.Register(http.Response);
        }

        await next(context);
    }
}
