namespace Conformance.Suite.Results;

/// <summary>
/// Replaces secrets given to the run (header values, URL query values, cookies) with "[redacted]" in every
/// text that reaches an output: the target URL, handshake heads, notes and re-run commands.
/// </summary>
public sealed class Redactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "[redacted]";

    private static readonly string[] SensitiveHeaders = ["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key"];
    private static readonly string[] SensitiveQueryKeys = ["token", "access_token", "auth", "key", "apikey", "api_key", "secret", "password", "sig", "signature"];
    private readonly System.Text.RegularExpressions.Regex? pattern;
    private readonly List<string> secrets;

    /// <summary>A redactor for exactly these secret strings (longest matched first, in one pass).</summary>
    public Redactor(IEnumerable<string> secrets)
    {
        var list = secrets.Where(s => s.Length >= 3).Distinct().OrderByDescending(s => s.Length).ToList();
        this.secrets = list;
        pattern = list.Count == 0 ? null : new System.Text.RegularExpressions.Regex(
            string.Join("|", list.Select(System.Text.RegularExpressions.Regex.Escape)),
            System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>One that redacts nothing.</summary>
    public static Redactor None { get; } = new([]);

    /// <summary>
    /// Collects the secrets of a run: values of credential-like headers given with --header, query values of
    /// credential-like keys and the user-info of the target URL.
    /// </summary>
    public static Redactor For(Uri target, IEnumerable<(string Name, string Value)> headers)
    {
        var found = new List<string>();
        foreach (var (name, value) in headers)
        {
            if (SensitiveHeaders.Contains(name.Trim().ToLowerInvariant()))
            {
                found.Add(value.Trim());
                var space = value.Trim().IndexOf(' ', StringComparison.Ordinal);
                if (space > 0)
                {
                    found.Add(value.Trim()[(space + 1)..]);
                }

                found.AddRange(value.Split(';').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).Select(p => p[1].Trim()));
            }
        }

        if (!string.IsNullOrEmpty(target.UserInfo))
        {
            found.Add(target.UserInfo);
            found.Add(Uri.UnescapeDataString(target.UserInfo));
            foreach (var password in target.UserInfo.Split(':').Skip(1))
            {
                found.Add(password);
                found.Add(Uri.UnescapeDataString(password));
            }
        }

        foreach (var pair in target.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length == 2 && SensitiveQueryKeys.Contains(Uri.UnescapeDataString(kv[0]).ToLowerInvariant()))
            {
                found.Add(kv[1]);
                found.Add(Uri.UnescapeDataString(kv[1]));
            }
        }

        return new Redactor(found);
    }

    /// <summary>This redactor plus more secrets (e.g. credentials read from the environment).</summary>
    public Redactor With(IEnumerable<string> more) => new(secrets.Concat(more));

    /// <summary>The text with every secret replaced.</summary>
    public string Apply(string text) => pattern is null ? text : pattern.Replace(text, Mask);
}
