using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace G7Flows.Functions.Functions;

/// <summary>
/// Lets an HTTP function return the core's <see cref="IResult"/>: the ASP.NET Core integration executes an
/// <see cref="IActionResult"/> returned by a function against the request's <see cref="HttpContext"/>, and this
/// one executes the handler's result there, exactly as the server's minimal API does.
/// </summary>
public sealed class ResultActionResult(IResult result) : IActionResult
{
    public IResult Result { get; } = result ?? throw new ArgumentNullException(nameof(result));

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return this.Result.ExecuteAsync(context.HttpContext);
    }
}
