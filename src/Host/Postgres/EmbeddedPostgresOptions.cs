namespace EventSourced.Host.Postgres;

/// <summary>Configuration section <c>EmbeddedPostgres</c>: the local server the host starts when
/// <c>ConnectionStrings:Marten</c> is not set.</summary>
public sealed class EmbeddedPostgresOptions
{
    public const string Section = "EmbeddedPostgres";

    /// <summary>Where the cluster's data lives; it survives restarts. Default: the user's data folder
    /// (<c>~/.local/share/eventsourced/postgres</c>), or <c>/var/lib/eventsourced/postgres</c> as root, because the
    /// <c>postgres</c> user who runs the server cannot enter root's home.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>TCP port on 127.0.0.1. Default 54329, away from a system server on 5432.</summary>
    public int Port { get; set; } = 54329;

    /// <summary>Folder with initdb and pg_ctl; default: PATH, then /usr/lib/postgresql/N/bin.</summary>
    public string? BinDirectory { get; set; }

    public string ResolveDataDirectory() =>
        !string.IsNullOrWhiteSpace(DataDirectory) ? DataDirectory
        : Environment.UserName == "root" ? "/var/lib/eventsourced/postgres"
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "eventsourced", "postgres");
}
