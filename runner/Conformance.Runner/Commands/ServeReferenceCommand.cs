using System.CommandLine;
using Conformance.ReferenceServer;
using Conformance.Runner.Gate;

namespace Conformance.Runner.Commands;

/// <summary>
/// <c>serve-reference --port N [--defect NAME] [--variant NAME]</c>: the bundled reference server, one of its fixture
/// servers (one bug) or one of its allowed variants (one legitimate choice), until Ctrl-C.
/// </summary>
internal static class ServeReferenceCommand
{
    public static Command Create(CommandHost host)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => 9001 };
        var defect = NamedValue("--defect", "defect", Defect.None, "Serve with one deliberate defect (fixture server): ");
        var variant = NamedValue("--variant", "variant", Variant.None, "Serve with one legitimate choice the RFCs allow (allowed variant): ");
        var command = new Command("serve-reference", "Serve the bundled reference server (WebSocket echo and REST API) until Ctrl-C") { port, defect, variant };
        command.SetAction(async (parse, _) =>
        {
            var chosen = parse.GetValue(defect);
            var choice = parse.GetValue(variant);
            await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Port = parse.GetValue(port), Defect = chosen, Variant = choice }, CancellationToken.None);
            host.Terminal.Raw($"reference server ({chosen}, variant {choice}) at {server.WebSocketUri} (WebSocket echo) and {server.RestUri} (REST API; profile fixtures/rest/reference.profile.yaml); Ctrl-C stops it");
            try
            {
                await Task.Delay(Timeout.Infinite, host.Interrupt);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: the normal way to stop serving.
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // An option naming one value of an enum, case-insensitively; any other name is a usage error listing the valid ones.
    private static Option<T> NamedValue<T>(string name, string helpName, T none, string description) where T : struct, Enum => new(name)
    {
        Description = description + string.Join(", ", Enum.GetNames<T>()),
        HelpName = helpName,
        DefaultValueFactory = _ => none,
        CustomParser = result =>
        {
            var text = result.Tokens[^1].Value;
            if (Enum.TryParse<T>(text, ignoreCase: true, out var chosen))
            {
                return chosen;
            }

            result.AddError($"{name} '{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}");
            return none;
        },
    };
}
