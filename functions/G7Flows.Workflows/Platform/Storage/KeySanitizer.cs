namespace G7Flows.Workflows.Platform.Storage;

/// <summary>Table keys may not contain / \ # ? or control characters; G7Flows only ever builds keys from checked values.</summary>
public static class KeySanitizer
{
    public static string Check(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        foreach (char c in value)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new ArgumentException($"'{value}' is not a valid table key.", nameof(value));
            }
        }

        return value;
    }
}
