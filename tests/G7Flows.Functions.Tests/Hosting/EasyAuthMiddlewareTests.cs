using System.Security.Claims;
using System.Text;
using System.Text.Json;
using G7Flows.Functions.Hosting;
using G7Flows.Workflows.Platform.Hosting;
using G7Flows.Workflows.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;

namespace G7Flows.Functions.Tests.Hosting;

/// <summary>The caller comes from Easy Auth's header only where Easy Auth is on; otherwise, or when the header is bad, nobody is signed in.</summary>
public sealed class EasyAuthMiddlewareTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    [InlineData("TRUE")]
    public async Task With_Easy_Auth_on_the_header_becomes_the_caller(string setting)
    {
        // Arrange
        HttpContext http = HttpWithHeader(Header(("sub", "user-1"), ("name", "fr.reviewer@example.org"), ("roles", "reviewer"), ("roles", "nation.FR")));

        // Act
        await InvokeAsync(setting, http);

        // Assert
        Caller? caller = Caller.FromPrincipal(http.User);
        Assert.NotNull(caller);
        Assert.Equal(("user-1", "fr.reviewer@example.org", "FR"), (caller.Subject, caller.Name, caller.Nation));
        Assert.Equal([Roles.Reviewer], caller.Roles);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("yes")]
    public async Task Without_Easy_Auth_the_header_is_ignored(string? setting)
    {
        // Arrange
        HttpContext http = HttpWithHeader(Header(("sub", "intruder"), ("roles", "admin")));

        // Act
        await InvokeAsync(setting, http);

        // Assert
        Assert.False(http.User.Identity?.IsAuthenticated);
        Assert.Null(Caller.FromPrincipal(http.User));
    }

    [Theory]
    [InlineData("not base64 at all")]
    [InlineData("bm90IGpzb24=")] // "not json"
    [InlineData("WzFd")] // "[1]"
    [InlineData("bnVsbA==")] // "null"
    [InlineData("")]
    public async Task A_malformed_header_leaves_the_caller_anonymous(string header)
    {
        // Arrange
        HttpContext http = HttpWithHeader(header);

        // Act
        await InvokeAsync("true", http);

        // Assert
        Assert.Null(Caller.FromPrincipal(http.User));
    }

    [Fact]
    public async Task An_object_id_a_username_and_the_staff_role_become_a_caller()
    {
        // Arrange
        HttpContext http = HttpWithHeader(Header(
            ("http://schemas.microsoft.com/identity/claims/objectidentifier", "oid-7"),
            ("preferred_username", "de.staff@example.org"),
            ("roles", "staff"),
            ("roles", "nation.DE")));

        // Act
        await InvokeAsync("true", http);

        // Assert
        Caller? caller = Caller.FromPrincipal(http.User);
        Assert.NotNull(caller);
        Assert.Equal(("oid-7", "de.staff@example.org", "DE"), (caller.Subject, caller.Name, caller.Nation));
        Assert.True(caller.IsStaff);
    }

    [Theory]
    [InlineData("Production", null)]
    [InlineData("Staging", null)]
    [InlineData("Development", "DE")]
    public async Task A_free_form_nation_claim_counts_only_in_Development(string environment, string? expected)
    {
        // Arrange
        HttpContext http = HttpWithHeader(Header(("sub", "user-4"), ("roles", "reviewer"), ("nation", "DE")));
        var host = new Mock<IHostEnvironment>();
        host.SetupGet(h => h.EnvironmentName).Returns(environment);

        // Act
        await new EasyAuthMiddleware(Settings("true"), host.Object).Invoke(Context(http), _ => Task.CompletedTask);

        // Assert
        Caller? caller = Caller.FromPrincipal(http.User);
        Assert.Equal(("user-4", expected), (caller?.Subject, caller?.Nation));
    }

    [Fact]
    public async Task A_caller_with_two_nation_roles_acts_for_none()
    {
        // Arrange
        HttpContext http = HttpWithHeader(Header(("sub", "user-2"), ("roles", "reviewer"), ("roles", "nation.FR"), ("roles", "nation.DE")));

        // Act
        await InvokeAsync("true", http);

        // Assert
        Assert.Null(Caller.FromPrincipal(http.User)!.Nation);
    }

    [Fact]
    public async Task The_next_step_runs_after_the_caller_is_set()
    {
        // Arrange
        HttpContext http = HttpWithHeader(Header(("sub", "user-3"), ("roles", "staff")));
        ClaimsPrincipal? seen = null;

        // Act
        await new EasyAuthMiddleware(Settings("true")).Invoke(Context(http), _ =>
        {
            seen = http.User;
            return Task.CompletedTask;
        });

        // Assert
        Assert.Equal("user-3", seen?.FindFirst("sub")?.Value);
    }

    [Fact]
    public async Task A_non_HTTP_invocation_passes_through_untouched()
    {
        // Arrange
        var context = new Mock<FunctionContext>();
        context.Setup(c => c.Items).Returns(new Dictionary<object, object>());
        bool ran = false;

        // Act
        await new EasyAuthMiddleware(Settings("true")).Invoke(context.Object, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        // Assert
        Assert.True(ran);
    }

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task An_anonymous_call_reaches_only_the_routes_marked_anonymous(string functionName, bool anonymous)
    {
        // Arrange: no Easy Auth principal at all.
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();
        http.RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider();
        bool ran = false;

        // Act
        await new EasyAuthMiddleware(Settings("true")).Invoke(Context(http, functionName), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        // Assert
        Assert.Equal(anonymous, ran);
        Assert.Equal(anonymous ? 200 : 401, http.Response.StatusCode);
    }

    [Theory]
    [InlineData("ServeWebApp")]
    [InlineData("ServeWebAsset")]
    [InlineData("SignIn")]
    public async Task The_web_app_and_its_sign_in_load_without_a_session(string functionName)
    {
        // Arrange: no Easy Auth principal at all, as for a browser before it signs in.
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();
        bool ran = false;

        // Act
        await new EasyAuthMiddleware(Settings("true")).Invoke(Context(http, functionName), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        // Assert
        Assert.True(ran, $"{functionName} was refused to an anonymous browser.");
        Assert.Contains(functionName, (IEnumerable<string>)G7Flows.Functions.Functions.WebTriggers.Names);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://attacker.example")]
    [InlineData("Origin", "null")]
    public async Task A_post_a_browser_sends_from_another_site_is_refused_before_the_function_runs(string header, string value)
    {
        // Arrange: a signed-in staff member's session (the cookie rides along) on a form another site posts.
        HttpContext http = HttpWithHeader(Header(("sub", "staff-1"), ("roles", "staff")));
        http.Request.Method = HttpMethods.Post;
        http.Request.Host = new HostString("g7flows.example.org");
        http.Request.ContentType = "text/plain";
        http.Request.Headers[header] = value;
        bool ran = false;

        // Act
        await new EasyAuthMiddleware(Settings("true")).Invoke(Context(http, "RepairConsultations"), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        // Assert
        Assert.False(ran);
        Assert.Equal(StatusCodes.Status403Forbidden, http.Response.StatusCode);
        http.Response.Body.Position = 0;
        Assert.Contains("cross-site-request", new StreamReader(http.Response.Body).ReadToEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Origin", "https://g7flows.example.org")]
    [InlineData(null, null)]
    public async Task A_post_from_the_apps_own_pages_or_from_no_browser_goes_on(string? header, string? value)
    {
        // Arrange
        HttpContext http = HttpWithHeader(Header(("sub", "staff-1"), ("roles", "staff")));
        http.Request.Method = HttpMethods.Post;
        http.Request.Host = new HostString("g7flows.example.org");
        if (header is not null)
        {
            http.Request.Headers[header] = value;
        }

        bool ran = false;

        // Act
        await new EasyAuthMiddleware(Settings("true")).Invoke(Context(http, "RepairConsultations"), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        // Assert
        Assert.True(ran);
        Assert.Equal("staff-1", http.User.FindFirst("sub")?.Value);
    }

    public static TheoryData<string, bool> EveryRoute()
    {
        var data = new TheoryData<string, bool>();
        foreach (G7Flows.Workflows.Platform.Http.ApiRoute route in G7Flows.Workflows.WorkflowModules.Routes)
        {
            // Written out, not read from the route table: only health, the API document the published disclosures and the published reports may be open.
            data.Add(route.Name, route.Name is "Health" or "GetOpenApiDocument" or "ListPublicDisclosures" or "GetPublicDisclosuresFeed" or "GetPublicDisclosure" or "ListReports" or "GetReport");
        }

        return data;
    }

    private static Task InvokeAsync(string? setting, HttpContext http) =>
        new EasyAuthMiddleware(Settings(setting)).Invoke(Context(http), _ => Task.CompletedTask);

    /// <summary>Settings with App Service Authentication on, off or unset.</summary>
    internal static IConfiguration Settings(string? easyAuthEnabled) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [AppSettingNames.EasyAuthEnabled] = easyAuthEnabled })
            .Build();

    /// <summary>A function context as the ASP.NET Core integration leaves it for an HTTP invocation.</summary>
    private static FunctionContext Context(HttpContext http, string functionName = "GetConsultation")
    {
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns(functionName);
        var context = new Mock<FunctionContext>();
        context.Setup(c => c.Items).Returns(new Dictionary<object, object> { ["HttpRequestContext"] = http });
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        Assert.Same(http, context.Object.GetHttpContext());
        return context.Object;
    }

    private static DefaultHttpContext HttpWithHeader(string header)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();
        http.Request.Headers[EasyAuthPrincipal.HeaderName] = header;
        return http;
    }

    /// <summary>An <c>X-MS-CLIENT-PRINCIPAL</c> header as App Service writes it for Microsoft Entra ID.</summary>
    private static string Header(params (string Type, string Value)[] claims)
    {
        var principal = new
        {
            auth_typ = "aad",
            name_typ = "preferred_username",
            role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
            claims = claims.Select(c => new { typ = c.Type, val = c.Value }),
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(principal)));
    }
}
