using System.Collections.Frozen;
using System.Reflection;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Web;
using Microsoft.Extensions.Configuration.UserSecrets;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace G7Flows.Server.Hosting;

/// <summary>
/// The web app's sign-in in the server's Development environment only: a page at <c>/sign-in</c> where a developer
/// chooses a name, a role, a nation and an organisation, and <c>POST /sign-in</c>, which answers with a development
/// token signed with the key <c>dotnet user-jwts</c> uses (the first of <c>Authentication:Schemes:Bearer:SigningKeys</c>;
/// on a machine without one it creates one in the project's user secrets, where <c>dotnet user-jwts</c> then finds it).
/// Outside Development none of this is mapped: <c>/sign-in</c> is a 404 like any unknown path.
/// </summary>
internal static class DevelopmentSignIn
{
    /// <summary>The page's path.</summary>
    public const string Path = WebApp.SignInPath;

    /// <summary>The page's script.</summary>
    public const string ScriptPath = "/sign-in.js";

    /// <summary>How long a development token lasts.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private const string Bearer = "Authentication:Schemes:Bearer";
    private const string UserJwtsIssuer = "dotnet-user-jwts";

    /// <summary>The page and its script, embedded from <c>DevSignIn/</c>.</summary>
    private static readonly Lazy<FrozenDictionary<string, WebFile>> Files = new(() => WebApp.LoadEmbedded(typeof(DevelopmentSignIn).Assembly, "G7Flows.DevSignIn/"));

    /// <summary>Maps the page, its script and the token endpoint, when the environment is Development.</summary>
    public static void MapDevelopmentSignIn(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }

        app.MapGet(Path, (HttpResponse response) => Serve(response, "/sign-in.html")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(ScriptPath, (HttpResponse response) => Serve(response, ScriptPath)).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(Path, (HttpRequest request, IConfiguration configuration, TimeProvider clock) => IssueAsync(request, configuration, clock))
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    /// <summary>The request's fields, checked: a name, one G7Flows role, a nation and an organisation where the role needs them.</summary>
    internal static Dictionary<string, string[]> Validate(SignInRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["Send a JSON object with name, role, and nation or org where the role needs one."];
            return errors;
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100 || !TextRules.IsCleanLine(request.Name))
        {
            errors["name"] = ["Give a name of 1 to 100 characters on one line."];
        }

        if (request.Role is null || !Roles.All.Contains(request.Role))
        {
            errors["role"] = [$"Choose one of: {string.Join(", ", Roles.All.Order(StringComparer.Ordinal))}."];
        }

        bool needsNation = request.Role is Roles.Reviewer or Roles.SecurityReviewer or Roles.Approver;
        if (request.Nation is { Length: > 0 } nation ? !Nations.IsKnown(nation) : needsNation)
        {
            errors["nation"] = [needsNation ? $"A {request.Role} acts for one nation: choose one of {string.Join(", ", Nations.All)}." : $"Choose one of {string.Join(", ", Nations.All)}, or none."];
        }

        bool needsOrg = request.Role is Roles.CivilSociety;
        if (request.Org is { Length: > 0 } org ? !Caller.IsCleanOrg(org) : needsOrg)
        {
            errors["org"] = [needsOrg ? "A civil-society caller comments for one organisation: give its name (plain text, up to 100 characters)." : "Give a plain organisation name of up to 100 characters, or none."];
        }

        return errors;
    }

    private static async Task<IResult> IssueAsync(HttpRequest request, IConfiguration configuration, TimeProvider clock)
    {
        SignInRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<SignInRequest>(request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Problems.Validation("body", "Send a JSON object with name, role, and nation or org where the role needs one.");
        }

        if (Validate(body) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors, "The sign-in form has errors.");
        }

        (byte[] key, string issuer) = SigningKey(configuration);
        string audience = configuration[$"{Bearer}:ValidAudiences:0"] ?? configuration[$"{Bearer}:ValidAudience"] ?? $"{request.Scheme}://{request.Host}";
        var roles = new List<string> { body!.Role! };
        if (body.Nation is { Length: > 0 })
        {
            roles.Add(Roles.NationRolePrefix + body.Nation);
        }

        if (body.Org is { Length: > 0 })
        {
            roles.Add(Roles.OrgRolePrefix + body.Org);
        }

        DateTime now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = body.Name!,
            ["name"] = body.Name!,
            ["role"] = roles.ToArray(),
        };
        string token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
        return TypedResults.Json(new { token, expires = now + Lifetime });
    }

    /// <summary>The first configured signing key and its issuer, or a new key written to the user secrets as <c>dotnet user-jwts</c> writes one.</summary>
    private static (byte[] Key, string Issuer) SigningKey(IConfiguration configuration)
    {
        foreach (IConfigurationSection section in configuration.GetSection($"{Bearer}:SigningKeys").GetChildren())
        {
            if (section["Value"] is { Length: > 0 } value)
            {
                return (Convert.FromBase64String(value), section["Issuer"] ?? configuration[$"{Bearer}:ValidIssuer"] ?? UserJwtsIssuer);
            }
        }

        byte[] key = RandomNumberGenerator.GetBytes(32);
        if (Assembly.GetEntryAssembly()?.GetCustomAttribute<UserSecretsIdAttribute>() is { } id)
        {
            string path = PathHelper.GetSecretsPathFromSecretsId(id.UserSecretsId);
            JsonObject secrets = File.Exists(path) && JsonNode.Parse(File.ReadAllText(path)) is JsonObject existing ? existing : [];
            secrets[$"{Bearer}:SigningKeys"] = new JsonArray(new JsonObject
            {
                ["Id"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)),
                ["Issuer"] = UserJwtsIssuer,
                ["Value"] = Convert.ToBase64String(key),
                ["Length"] = 32,
            });
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            File.WriteAllText(path, secrets.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }

        return (key, configuration[$"{Bearer}:ValidIssuer"] ?? UserJwtsIssuer);
    }

    /// <summary>One of the page's files, under the web app's own policy (its script and style from this origin, nothing inline).</summary>
    private static IResult Serve(HttpResponse response, string path)
    {
        response.Headers.ContentSecurityPolicy = WebApp.ContentSecurityPolicy;
        return WebApp.Result(Files.Value[path]);
    }
}

/// <summary>The development sign-in form.</summary>
/// <param name="Name">Who the developer acts as.</param>
/// <param name="Role">One G7Flows role.</param>
/// <param name="Nation">The nation, for reviewers, security reviewers and approvers (or any role, optionally).</param>
/// <param name="Org">The organisation, for civil society.</param>
internal sealed record SignInRequest(string? Name, string? Role, string? Nation, string? Org);
