using System.CommandLine;
using Conformance.ReportService;
using Conformance.ReportService.Auth;
using Conformance.ReportService.Storage;
using Conformance.Runner.Gate;
using Conformance.Runner.Output;

namespace Conformance.Runner.Commands;

/// <summary>`serve-reports` (the hosted report service) and `reports token create|revoke` (its API tokens).</summary>
internal static class ReportServiceCommands
{
    /// <summary>Longest token or implementation name accepted.</summary>
    private const int MaxNameLength = 100;

    /// <summary>`serve-reports --urls URL --data DIR [--postgres CONNSTRING]`: serves until Ctrl-C.</summary>
    public static Command Serve(CommandHost host)
    {
        var (terminal, interrupt, store) = (host.Terminal, host.Interrupt, new StoreOptions());
        var urls = new Option<string>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:5080 (several: separated by ;)", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var uploadsPerMinute = new Option<int>("--uploads-per-minute") { Description = "Uploads one token may make per minute (429 beyond)", DefaultValueFactory = _ => 60 };
        var pageCacheMb = new Option<int>("--page-cache-mb") { Description = "Disk the rendered pages may take, in MiB (the least recently viewed are dropped beyond it)", DefaultValueFactory = _ => 512 };
        CommonOptions.InRange(uploadsPerMinute, 1, 100_000, "--uploads-per-minute must be 1 to 100000");
        CommonOptions.InRange(pageCacheMb, 1, 1_048_576, "--page-cache-mb must be 1 to 1048576");
        var command = new Command("serve-reports", "Serve the report service: the REST API /api/v1 to upload and browse runs, until Ctrl-C") { urls, store.Data, store.Postgres, uploadsPerMinute, pageCacheMb };
        command.SetAction(async (parse, _) =>
        {
            await using var opened = await store.OpenAsync(parse, host);
            if (opened is null)
            {
                return ExitCodes.Usage;
            }

            var data = parse.GetValue(store.Data);
            var options = new ReportServiceOptions
            {
                Urls = parse.GetValue(urls)!,
                UploadsPerWindow = parse.GetValue(uploadsPerMinute),
                UploadWindow = TimeSpan.FromMinutes(1),
                // Without a catalogue the pages still work; only the provenance cannot say whether the catalogue is released.
                Catalogue = CatalogueLocator.Find() is null ? null : CatalogueLocator.Load(null, terminal),
                PageCacheDirectory = data is null ? null : Path.Combine(data, "pages"),
                PageCacheBytes = parse.GetValue(pageCacheMb) * 1024L * 1024,
                Generator = RunPipeline.ToolVersion,
            };
            ReportService.ReportService service;
            try
            {
                service = await ReportService.ReportService.StartAsync(options, opened, interrupt);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or FormatException)
            {
                terminal.Error($"cannot listen on {options.Urls}: {e.Message}");
                return ExitCodes.Usage;
            }

            await using (service)
            {
                terminal.Raw($"report service at {service.BaseUri} (API: {service.BaseUri}api/v1/runs); Ctrl-C stops it");
                // Ctrl-C or SIGTERM: the normal ways to stop serving.
                await service.WaitForShutdownAsync(interrupt);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>`reports token create|revoke`.</summary>
    public static Command Reports(CommandHost host)
    {
        var (terminal, interrupt, store) = (host.Terminal, host.Interrupt, new StoreOptions());
        var name = new Option<string>("--name") { Description = "The token's name, shown as the uploader of its runs", Required = true };
        var implementation = new Option<string?>("--implementation") { Description = "Only runs of this implementation may be uploaded with it" };
        var admin = new Option<bool>("--admin") { Description = "The token may also delete runs" };
        CommonOptions.Check(name, value => Problem(value, "--name"));
        CommonOptions.Check(implementation, value => Problem(value, "--implementation"));
        var create = new Command("create", "Create an API token and print it once (only its hash is stored)") { name, implementation, admin, store.Data, store.Postgres };
        create.SetAction(async (parse, _) =>
        {
            await using var opened = await store.OpenAsync(parse, host);
            if (opened is null)
            {
                return ExitCodes.Usage;
            }

            var issued = ApiTokens.Issue(parse.GetValue(name)!, parse.GetValue(implementation), parse.GetValue(admin), DateTimeOffset.UtcNow);
            if (!await opened.AddTokenAsync(issued.Record, interrupt))
            {
                terminal.Error($"a token named '{Terminal.Clean(issued.Record.Name)}' exists already (revoked or not); choose another name");
                return ExitCodes.Usage;
            }

            // The token alone on stdout, so a script can capture it; the advice goes to stderr.
            terminal.Raw(issued.Secret);
            terminal.Errors.WriteLine($"token '{Terminal.Clean(issued.Record.Name)}' created; it is shown only this once. Publish with: CONFORMANCE_TOKEN=<token> ./run.sh publish results.json --server URL");
            return ExitCodes.Success;
        });

        var revokeName = new Option<string>("--name") { Description = "The token to revoke", Required = true };
        var revoke = new Command("revoke", "Revoke an API token: it authenticates nothing from now on") { revokeName, store.Data, store.Postgres };
        revoke.SetAction(async (parse, _) =>
        {
            await using var opened = await store.OpenAsync(parse, host);
            if (opened is null)
            {
                return ExitCodes.Usage;
            }

            var tokenName = parse.GetValue(revokeName)!;
            if (!await opened.RevokeTokenAsync(tokenName, DateTimeOffset.UtcNow, interrupt))
            {
                terminal.Error($"there is no unrevoked token named '{Terminal.Clean(tokenName)}'");
                return ExitCodes.Usage;
            }

            terminal.Raw($"token '{Terminal.Clean(tokenName)}' revoked");
            return ExitCodes.Success;
        });

        return new Command("reports", "The report service's data") { new Command("token", "API tokens for uploads (publish) and deletions") { create, revoke } };
    }

    private static string? Problem(string? value, string option) =>
        string.IsNullOrWhiteSpace(value) || value.Length > MaxNameLength || value.Any(char.IsControl)
            ? $"{option} must be 1 to {MaxNameLength} printable characters"
            : null;

    /// <summary>Where the report store is: --data or --postgres, shared by the service and the token commands.</summary>
    private sealed class StoreOptions
    {
        public Option<string?> Data { get; } = new("--data") { Description = "Folder of the SQLite database (reports.db); created if missing" };

        public Option<string?> Postgres { get; } = new("--postgres")
        {
            Description = $"PostgreSQL connection string (Npgsql) instead of SQLite; better given in ${ReportStores.PostgresVariable}, which ps does not show",
        };

        /// <summary>The store --data or --postgres (or the environment) names, tables created; null after printing why not.</summary>
        public async Task<IReportStore?> OpenAsync(ParseResult parse, CommandHost host)
        {
            var postgres = parse.GetValue(Postgres) ?? host.Variable(ReportStores.PostgresVariable);
            var data = parse.GetValue(Data);
            if (string.IsNullOrEmpty(postgres) && string.IsNullOrEmpty(data))
            {
                host.Terminal.Error($"give --data DIR (SQLite) or a PostgreSQL connection string (--postgres or ${ReportStores.PostgresVariable})");
                return null;
            }

            try
            {
                return await ReportStores.OpenAsync(data, postgres, host.Interrupt);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                // The message of a bad connection string never repeats the password.
                host.Terminal.Error($"cannot open the report store: {e.Message}");
                return null;
            }
        }
    }
}
