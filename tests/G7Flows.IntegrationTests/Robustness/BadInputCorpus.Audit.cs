using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.IntegrationTests.Robustness.Infrastructure;
using G7Flows.Workflows.Platform.Http;

namespace G7Flows.IntegrationTests.Robustness;

/// <summary>Bad requests to a consultation's audit trail: staff and admins only, an existing consultation only.</summary>
public sealed partial class BadInputCorpus
{
    private static ApiRoute AuditRoute => Route("GetConsultationAudit");

    /// <summary>Missing and forged credentials (401), every other role (403), unknown and malformed ids (404).</summary>
    private void AddAuditRequests()
    {
        string path = this.ClosedPath("/audit");
        foreach (Credential credential in ForgedTokens.Refused)
        {
            string? query = credential.Query?.Invoke(Claims.Staff);
            this.Add($"audit: credentials: {credential.Name}", AuditRoute, HttpMethod.Get, query is null ? path : $"{path}?{query}", credential.Authorization(Claims.Staff), null, [401], headers: credential.Headers?.Invoke(Claims.Staff));
        }

        var others = new (string Name, string Token)[]
        {
            ("the FR reviewer (FR takes part)", Tokens.Reviewer("FR")),
            ("the DE reviewer (DE objected)", Tokens.Reviewer("DE")),
            ("FR's security reviewer", Tokens.SecurityReviewer("FR")),
            ("a human-rights reviewer", Tokens.HumanRightsReviewer()),
            ("FR's approver", Tokens.Approver("FR")),
            ("a civil-society member", Tokens.CivilSociety("Watch")),
            ("a caller whose role is 'Staff' (wrong case)", Tokens.Create("someone@g7.example", ["Staff"])),
            ("a caller with no role", Tokens.Create("someone@g7.example", [])),
        };
        foreach (var (name, token) in others)
        {
            this.Add($"audit: {name} reads the trail", AuditRoute, HttpMethod.Get, path, "Bearer " + token, null, [403]);
        }

        string[] ids = ["aaaaaaaaaaaaaaaaaaaaaaaaaa", "x", "AAAAAAAAAAAAAAAAAAAAAAAAAA", new string('a', 27), "%3Cscript%3E", "..%2F..%2Fetc", "a%20b", "%C3%B1", "%00"];
        foreach (string id in ids)
        {
            this.Add($"audit: the trail of '{id}'", AuditRoute, HttpMethod.Get, $"/api/consultations/{id}/audit", this.staff, null, [404]);
        }
    }
}
