using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Conformance.ReferenceServer;
using Conformance.Runner.Tests.Infrastructure;
using Conformance.Suite.Results;
using Conformance.Suite.Transport;

namespace Conformance.Runner.Tests.Cli;

/// <summary>Reaching wss:// targets from the command line: SNI and the trust options.</summary>
[TestFixture]
[Category("Cli")]
public sealed class TransportTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    [Test]
    public async Task Wss_target_with_a_self_signed_certificate_runs_with_insecure_and_is_refused_without()
    {
        using var certificate = SelfSigned();
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Certificate = certificate });
        var outDir = Path.Combine(Path.GetTempPath(), $"conformance-tls-{Guid.NewGuid():N}");
        try
        {
            var insecure = await ConformanceCli.RunAsync(["run", "--target", server.WebSocketUri.ToString(), "--insecure", "--area", "masking", "--out", outDir], Limit);
            var untrusted = await ConformanceCli.RunAsync(["run", "--target", server.WebSocketUri.ToString(), "--area", "masking", "--out", outDir + "-no"], Limit);

            Assert.That(insecure.ExitCode, Is.EqualTo(0), insecure.Output + insecure.Errors);
            var report = ResultsJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(outDir, "results.json")));
            Assert.That(report.Cases.Select(c => c.Verdict), Is.All.EqualTo(Verdict.Pass));
            Assert.That(report.Run.Target.Url, Does.StartWith("wss://"));
            Assert.That(untrusted.ExitCode, Is.EqualTo(2));
            Assert.That(untrusted.Errors, Does.Contain("TLS").And.Contain("--insecure"));
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [Test]
    public async Task Wss_target_is_trusted_through_ca_cert_and_checked_against_its_host_name()
    {
        using var certificate = SelfSigned();
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Certificate = certificate });
        var outDir = Path.Combine(Path.GetTempPath(), $"conformance-ca-{Guid.NewGuid():N}");
        Directory.CreateDirectory(outDir);
        var caFile = Path.Combine(outDir, "ca.pem");
        await File.WriteAllTextAsync(caFile, certificate.ExportCertificatePem());
        try
        {
            // The certificate names "localhost", which SNI carries and the client checks.
            var trusted = await ConformanceCli.RunAsync(["run", "--target", $"wss://localhost:{server.Port}/echo", "--ca-cert", caFile, "--cases", "ws.handshake.valid-upgrade", "--out", outDir], Limit);
            Assert.That(trusted.ExitCode, Is.EqualTo(0), trusted.Output + trusted.Errors);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        // Kestrel on Linux wants a certificate whose key is exportable from a PFX round trip.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
