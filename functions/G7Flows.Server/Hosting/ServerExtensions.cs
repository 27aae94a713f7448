using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.Authorization;
using DurableTask.AzureStorage;
using G7Flows.Server.Diagnostics;
using G7Flows.Server.Durable;
using G7Flows.Workflows;
using G7Flows.Workflows.Consultations.Api;
using G7Flows.Workflows.Platform.Hosting;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Web;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace G7Flows.Server.Hosting;

public static class ServerExtensions
{
    /// <summary>Everything the server needs: the workflow core, the durable engine and its client, JWT bearer authentication, problem details and telemetry.</summary>
    public static WebApplicationBuilder AddG7FlowsServer(this WebApplicationBuilder builder, StorageClientOptions? storageOptions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        storageOptions ??= new StorageClientOptions();
        StorageRequestCounter? counter = null;
        if (builder.Configuration["G7Flows:Diagnostics:StorageCountersFile"] is { Length: > 0 } countersFile)
        {
            counter = new StorageRequestCounter();
            storageOptions.Policies.Add(counter.PolicyFor("app", "storage"));
            services.AddSingleton(counter);
            services.AddHostedService(_ => new StorageCounterWriter(counter, countersFile));
        }

        services.AddG7FlowsWorkflows(builder.Configuration, storageOptions);

        DurableEngineOptions durable = DurableEngineOptions.Load(builder.Configuration);
        services.AddSingleton(durable);
        services.AddSingleton(sp => durable.CreateService(builder.Configuration, sp.GetRequiredService<ILoggerFactory>(), counter));
        services.AddSingleton<DurableTaskClient>(sp => new TaskHubDurableTaskClient(sp.GetRequiredService<AzureStorageOrchestrationService>()));
        services.AddSingleton(WorkflowTypes.Core);
        services.AddHostedService<StorageInitializer>();
        services.AddHostedService<DurableEngine>();
        services.AddG7FlowsSchedules(builder.Configuration);

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddTransient<IClaimsTransformation, NationClaimsTransformation>();

        // Rebuild the bearer options when configuration changes, so that a signing key `dotnet user-jwts` creates
        // while the server runs (the first token on a new machine) is trusted without a restart.
        services.AddSingleton<IOptionsChangeTokenSource<JwtBearerOptions>>(
            new ConfigurationChangeTokenSource<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, builder.Configuration));
        // Deny by default: every endpoint needs an authenticated caller unless its route is marked anonymous
        // (RouteAccess.Anonymous: health and published material). The core's Authorizer then decides who may do what.
        // A request to an anonymous path with a method it does not serve still gets its 405 (not a 401), and so does one to
        // the web app's paths, which are open as in Azure (WebPaths), where what is not there is a 404.
        services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder()
            .RequireAssertion(c => c.User.Identity?.IsAuthenticated == true || (c.Resource is HttpContext http && (AnonymousPaths.Matches(http.Request.Path) || WebPaths.Matches(http.Request.Path))))
            .Build());
        builder.AddG7FlowsTelemetry();
        services.AddProblemDetails();
        services.Configure<ForwardedHeadersOptions>(o => TrustedProxies.Configure(o, builder.Configuration));
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        return builder;
    }

    /// <summary>
    /// The request pipeline: the HTML policy, forwarded headers from trusted proxies only, problem details for every error,
    /// authentication, the API, and its OpenAPI document in Development.
    /// </summary>
    public static WebApplication UseG7FlowsServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // First, so that every response (errors, status pages, any future HTML route) gets the HTML policy.
        app.Use((context, next) =>
        {
            HtmlResponseHeaders.Register(context.Response);
            return next(context);
        });
        if (TrustedProxies.AnyConfigured(app.Configuration))
        {
            app.UseForwardedHeaders();
        }

        app.UseExceptionHandler(errors => errors.Run(async context =>
        {
            Exception? error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            IResult problem = error is not null && StorageFaults.IsUnavailable(error)
                ? Problems.Unavailable("Storage is not answering; try again shortly.")
                : Problems.Problem(StatusCodes.Status500InternalServerError, "internal", "Something went wrong.", "The error was logged.");
            await problem.ExecuteAsync(context);
        }));
        app.UseStatusCodePages(async status =>
        {
            HttpContext context = status.HttpContext;
            IResult problem = context.Response.StatusCode switch
            {
                StatusCodes.Status401Unauthorized => Problems.Unauthorized("A valid bearer token is required."),
                StatusCodes.Status403Forbidden => Problems.Forbidden("You may not do this."),
                StatusCodes.Status404NotFound => Problems.NotFound("There is no such endpoint."),
                StatusCodes.Status405MethodNotAllowed => Problems.Problem(405, "method-not-allowed", "Method not allowed.", $"{context.Request.Method} is not served here."),
                _ => Problems.Problem(context.Response.StatusCode, "error", "The request failed.", $"Status {context.Response.StatusCode}."),
            };
            await problem.ExecuteAsync(context);
        });
        // Before authentication: a state-changing request a browser sent from another site is refused, as in the functions app.
        app.Use((context, next) => CrossSiteRequests.Check(context.Request) is { } refused ? refused.ExecuteAsync(context) : next(context));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWorkflowIdScope();
        // The API's OpenAPI document is a route of the core (/api/openapi/v1.json), built from the route table and the
        // modules' contracts, so both hosts serve the same one.
        if (app.Environment.IsDevelopment())
        {
            // A browsable reference of the document, at /scalar/v1, in Development only (its page and scripts come from the package).
            app.MapScalarApiReference(o => o.WithTitle("G7Flows API").WithOpenApiRoutePattern("/api/openapi/{documentName}.json")).AllowAnonymous();
        }

        app.MapG7FlowsApi();

        // The web app for reviewers and staff at /, the same files the functions app serves; its data comes from the API.
        app.MapMethods(WebApp.Index, [HttpMethods.Get, HttpMethods.Head], (HttpRequest request) => WebApp.Serve(request)).AllowAnonymous().ExcludeFromDescription();
        app.MapMethods(WebApp.AssetsPrefix + "{**path}", [HttpMethods.Get, HttpMethods.Head], (HttpRequest request) => WebApp.Serve(request)).AllowAnonymous().ExcludeFromDescription();
        app.MapDevelopmentSignIn();
        return app;
    }
}

/// <summary>The paths of the routes marked <see cref="RouteAccess.Anonymous"/>, matched as route templates.</summary>
internal static class AnonymousPaths
{
    private static readonly TemplateMatcher[] Matchers =
    [
        .. WorkflowModules.Routes
            .Where(r => r.Access == RouteAccess.Anonymous)
            .Select(r => new TemplateMatcher(TemplateParser.Parse($"{ApiRoute.Prefix}/{r.Template}"), new RouteValueDictionary())),
    ];

    public static bool Matches(PathString path) => Matchers.Any(m => m.TryMatch(path, new RouteValueDictionary()));
}

/// <summary>
/// The web app's paths, open to anonymous requests as App Service Authentication leaves them open in Azure (webPaths in
/// infra/anonymous-paths.json): the shell, its files, the sign-in and its script. A file that is not there is a 404, a
/// method not served a 405, and the development sign-in outside Development a 404, rather than a 401 for everything.
/// </summary>
internal static class WebPaths
{
    public static bool Matches(PathString path) =>
        path == WebApp.Index || path.StartsWithSegments(WebApp.AssetsPrefix.TrimEnd('/'), StringComparison.Ordinal) || path == WebApp.SignInPath || path == DevelopmentSignIn.ScriptPath;
}

/// <summary>Creates G7Flows' tables and containers before the API and the engine start.</summary>
internal sealed class StorageInitializer(StorageClients storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => storage.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
