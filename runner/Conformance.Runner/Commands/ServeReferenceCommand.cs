using System.CommandLine;
using Conformance.ReferenceServer;
using Conformance.Runner.Gate;

namespace Conformance.Runner.Commands;

/// <summary><c>serve-reference --port N [--defect NAME]</c>: the bundled reference server, or one of its fixture servers, until Ctrl-C.</summary>
internal static class ServeReferenceCommand
{
    public static Command Create(CommandHost host)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => 9001 };
        var defect = new Option<Defect>("--defect")
        {
            Description = "Serve with one deliberate defect (fixture server): " + string.Join(", ", Enum.GetNames<Defect>()),
            HelpName = "defect",
            DefaultValueFactory = _ => Defect.None,
            CustomParser = result =>
            {
                var text = result.Tokens[^1].Value;
                if (Enum.TryParse<Defect>(text, ignoreCase: true, out var chosen))
                {
                    return chosen;
                }

                result.AddError($"--defect '{text}' is not one of {string.Join(", ", Enum.GetNames<Defect>())}");
                return Defect.None;
            },
        };
        var command = new Command("serve-reference", "Serve the bundled reference server (WebSocket echo and REST API) until Ctrl-C") { port, defect };
        command.SetAction(async (parse, _) =>
        {
            var chosen = parse.GetValue(defect);
            await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Port = parse.GetValue(port), Defect = chosen }, CancellationToken.None);
            host.Terminal.Raw($"reference server ({chosen}) at {server.WebSocketUri} (WebSocket echo) and {server.RestUri} (REST API; profile fixtures/rest/reference.profile.yaml); Ctrl-C stops it");
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
}
