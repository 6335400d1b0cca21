using System.Security.Cryptography;
using System.Text;
using Conformance.ReportService.Storage;
using Microsoft.AspNetCore.WebUtilities;

namespace Conformance.ReportService.Auth;

/// <summary>A token just created: the secret, shown once, and the record that is stored instead of it.</summary>
public sealed record IssuedToken(string Secret, StoredToken Record);

/// <summary>
/// API tokens look like <c>cfr_PREFIX_SECRET</c>. The fixed "cfr_" lets secret scanners recognise a leaked token;
/// PREFIX finds the record without revealing anything; only SHA-256 of the whole token is stored. A token carries
/// 256 random bits, so a fast unsalted hash is enough: there is nothing to guess.
/// </summary>
public static class ApiTokens
{
    /// <summary>What every token starts with.</summary>
    public const string Marker = "cfr_";

    private const int PrefixBytes = 6;
    private const int SecretBytes = 32;

    /// <summary>Creates a token for <paramref name="name"/>; store <see cref="IssuedToken.Record"/>, print <see cref="IssuedToken.Secret"/> once.</summary>
    public static IssuedToken Issue(string name, string? implementation, bool admin, DateTimeOffset now)
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixBytes));
        var secret = $"{Marker}{prefix}_{WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(SecretBytes))}";
        return new IssuedToken(secret, new StoredToken
        {
            Name = name,
            Prefix = prefix,
            Hash = Hash(secret),
            Implementation = implementation,
            Admin = admin,
            CreatedAt = now,
        });
    }

    /// <summary>The public prefix of a presented token, or null when it does not have a token's shape.</summary>
    public static string? PrefixOf(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        if (!presented.StartsWith(Marker, StringComparison.Ordinal))
        {
            return null;
        }

        var end = presented.IndexOf('_', Marker.Length);
        return end == Marker.Length + (2 * PrefixBytes) ? presented[Marker.Length..end] : null;
    }

    /// <summary>Whether <paramref name="presented"/> is the token of <paramref name="record"/>, compared in constant time.</summary>
    public static bool Matches(StoredToken record, string presented)
    {
        ArgumentNullException.ThrowIfNull(record);
        return CryptographicOperations.FixedTimeEquals(Hash(presented), record.Hash);
    }

    /// <summary>SHA-256 of the token's UTF-8 bytes.</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
