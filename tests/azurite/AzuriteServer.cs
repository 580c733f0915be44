using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Provisioner.Testing.Azurite;

/// <summary>
/// A private Azurite (npm <c>azurite</c>, pinned in tests/azurite/package-lock.json) for one test run
/// or benchmark: its own free loopback ports, a temporary data folder, an account with a fresh random
/// key, no telemetry. <see cref="StartAsync"/> returns once all three services answer;
/// <see cref="DisposeAsync"/> stops it and deletes its data. Link it with tests/azurite/Azurite.targets.
/// </summary>
internal sealed partial class AzuriteServer : IAsyncDisposable
{
    /// <summary>The storage account Azurite serves.</summary>
    public const string AccountName = "provisioner";

    private const string ScriptRelativePath = "tests/azurite/node_modules/azurite/dist/src/azurite.js";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // Preloaded into Azurite: it exits when the process that started it goes away (its end of stdin
    // closes), even when that process was killed and could not stop Azurite itself.
    private const string ExitWithParent = """
        process.stdin.on('end', () => process.exit(0));
        process.stdin.on('error', () => process.exit(0));
        process.stdin.resume();
        """;

    private readonly Process process;
    private readonly DirectoryInfo dataFolder;
    private readonly StringBuilder output;

    private AzuriteServer(Process process, DirectoryInfo dataFolder, StringBuilder output, string accountKey, IReadOnlyDictionary<string, Uri> endpoints)
    {
        this.process = process;
        this.dataFolder = dataFolder;
        this.output = output;
        BlobEndpoint = new Uri(endpoints["Blob"], AccountName);
        QueueEndpoint = new Uri(endpoints["Queue"], AccountName);
        TableEndpoint = new Uri(endpoints["Table"], AccountName);
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={accountKey};" +
            $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";
    }

    /// <summary>A connection string for the account, e.g. for <c>AzureWebJobsStorage</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>The blob service of the account.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>The queue service of the account.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>The table service of the account.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>What Azurite printed (its access log is off).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Where the Azurite script is: <c>AZURITE_SCRIPT</c>, else found above the running program's folder.</summary>
    public static string ScriptPath =>
        Environment.GetEnvironmentVariable("AZURITE_SCRIPT") is { Length: > 0 } path ? path : FindUpwards();

    /// <summary>Starts Azurite and waits until its blob, queue and table services answer.</summary>
    /// <param name="keepDataInMemory">Keep the account's data in Azurite's memory rather than in the data folder (faster; lost when Azurite stops).</param>
    /// <param name="cancellationToken">Gives up starting.</param>
    public static async Task<AzuriteServer> StartAsync(bool keepDataInMemory = false, CancellationToken cancellationToken = default)
    {
        var script = ScriptPath;
        var dataFolder = Directory.CreateTempSubdirectory("provisioner-azurite-");
        var exitWithParent = Path.Combine(dataFolder.FullName, "exit-with-parent.js");
        await File.WriteAllTextAsync(exitWithParent, ExitWithParent, cancellationToken);
        var accountKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["AZURITE_ACCOUNTS"] = $"{AccountName}:{accountKey}" },
        };
        foreach (var argument in new[]
        {
            "--require", exitWithParent, script,
            "--silent", "--disableTelemetry", "--skipApiVersionCheck",
            "--blobHost", "127.0.0.1", "--blobPort", "0", "--queueHost", "127.0.0.1", "--queuePort", "0", "--tableHost", "127.0.0.1", "--tablePort", "0",
        })
        {
            start.ArgumentList.Add(argument);
        }

        // Azurite refuses a data folder along with in-memory persistence.
        string[] persistence = keepDataInMemory ? ["--inMemoryPersistence"] : ["--location", Path.Combine(dataFolder.FullName, "data")];
        foreach (var argument in persistence)
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var endpoints = new Dictionary<string, Uri>();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
                if (Listening().Match(line) is { Success: true } match)
                {
                    endpoints[match.Groups["service"].Value] = new Uri(match.Groups["url"].Value.TrimEnd('/') + "/");
                    if (endpoints.Count == 3)
                    {
                        listening.TrySetResult();
                    }
                }
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("Azurite exited while starting."));
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            await listening.Task.WaitAsync(timeout.Token);
            var server = new AzuriteServer(process, dataFolder, output, accountKey, endpoints);
            await server.WaitUntilAnsweringAsync(timeout.Token);
            return server;
        }
        catch (Exception e)
        {
            await StopAsync(process, dataFolder);
            string printed;
            lock (output)
            {
                printed = output.ToString();
            }

            throw new InvalidOperationException($"Azurite ({script}) did not start (is node installed?). Its output:\n{printed}", e);
        }
    }

    /// <summary>Stops Azurite and deletes its data.</summary>
    public ValueTask DisposeAsync() => StopAsync(process, dataFolder);

    private static async ValueTask StopAsync(Process process, DirectoryInfo dataFolder)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // It never started.
        }

        process.Dispose();
        try
        {
            dataFolder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the folder is under the temp folder, which the OS cleans.
        }
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        foreach (var endpoint in new[] { BlobEndpoint, QueueEndpoint, TableEndpoint })
        {
            while (true)
            {
                try
                {
                    // Unauthenticated, so refused: any HTTP answer means the service is up.
                    using var response = await http.GetAsync(endpoint, cancellationToken);
                    break;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(50, cancellationToken);
                }
            }
        }
    }

    private static string FindUpwards()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ScriptRelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            "Azurite is not installed: run 'npm ci --prefix tests/azurite' at the repository root (the test build does it), " +
            "or set AZURITE_SCRIPT to the azurite.js of an installed Azurite (node_modules/azurite/dist/src/azurite.js).");
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at (?<url>http://\S+)")]
    private static partial Regex Listening();
}
