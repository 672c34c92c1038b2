//! A PostgreSQL cluster of the app's own, for when no `DATABASE_URL` is given.
//!
//! The cluster lives in `<data dir>/postgres`, listens on 127.0.0.1 only (no Unix socket, so it
//! can never collide with the machine's own cluster), and is started with the machine's
//! PostgreSQL binaries. PostgreSQL refuses to run as root, so when this process is root the
//! binaries run as the `postgres` OS user. A running cluster in the same data directory is reused;
//! the cluster keeps running when the app exits, so a restart is instant and the data survives.

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A running cluster, reachable on 127.0.0.1:`port` as the `postgres` superuser.
#[derive(Debug, Clone)]
pub struct Cluster {
    pub port: u16,
    pub data_dir: PathBuf,
    /// True when the cluster was already running (another instance, or an earlier run).
    pub reused: bool,
    superuser_password: String,
}

impl Cluster {
    /// The superuser's connection URL for database `db`. Used only to bootstrap the owner role
    /// and the app's database; the app itself never connects as the superuser.
    pub fn superuser_url(&self, db: &str) -> String {
        format!(
            "postgres://postgres:{}@127.0.0.1:{}/{db}",
            self.superuser_password, self.port
        )
    }

    /// A secret derived from the cluster's superuser password, stable for this data directory.
    pub fn derived_secret(&self, label: &str) -> String {
        super::derive_password(&self.superuser_password, label)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EmbeddedError {
    #[error(
        "no PostgreSQL binaries found (looked for initdb and pg_ctl in SANTA_PG_BIN, PATH and \
         /usr/lib/postgresql/*/bin). Install PostgreSQL (Debian: `apt-get install postgresql`) \
         or set DATABASE_URL to use an existing server."
    )]
    NoBinaries,
    #[error(
        "running as root, PostgreSQL must run as the `postgres` OS user, which does not exist. \
         Install PostgreSQL's package (it creates that user) or set DATABASE_URL."
    )]
    NoPostgresUser,
    #[error(
        "the `postgres` OS user cannot write to {0}. Set SANTA_DATA_DIR to a directory it can \
         reach (for example under /var/tmp) or set DATABASE_URL."
    )]
    Unreachable(PathBuf),
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    #[error("{what} failed. {detail}")]
    Command { what: String, detail: String },
}

fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> EmbeddedError {
    let context = context.into();
    move |e| EmbeddedError::Io(context, e)
}

/// Directory holding `initdb` and `pg_ctl`: `SANTA_PG_BIN`, then `PATH`, then the newest
/// `/usr/lib/postgresql/<major>/bin`.
pub fn find_binaries(bin_dir: Option<&Path>) -> Result<PathBuf, EmbeddedError> {
    let has_both = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    if let Some(dir) = bin_dir {
        return if has_both(dir) {
            Ok(dir.to_path_buf())
        } else {
            Err(EmbeddedError::NoBinaries)
        };
    }
    if let Some(path) = std::env::var_os("PATH") {
        if let Some(dir) = std::env::split_paths(&path).find(|d| has_both(d)) {
            return Ok(dir);
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let major = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            has_both(&bin).then_some((major, bin))
        })
        .collect();
    versions.sort();
    versions
        .pop()
        .map(|(_, bin)| bin)
        .ok_or(EmbeddedError::NoBinaries)
}

fn effective_uid_is_root() -> bool {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("Uid:"))?;
            line.split_whitespace().nth(2).map(|euid| euid == "0")
        })
        .unwrap_or(false)
}

fn postgres_ids() -> Result<(u32, u32), EmbeddedError> {
    let id = |flag: &str| -> Option<u32> {
        let out = Command::new("id").args([flag, "postgres"]).output().ok()?;
        if !out.status.success() {
            return None;
        }
        String::from_utf8_lossy(&out.stdout).trim().parse().ok()
    };
    match (id("-u"), id("-g")) {
        (Some(uid), Some(gid)) => Ok((uid, gid)),
        _ => Err(EmbeddedError::NoPostgresUser),
    }
}

/// Runs a PostgreSQL binary, as the `postgres` user when we are root.
struct Runner {
    bin: PathBuf,
    as_postgres: bool,
    cwd: PathBuf,
}

impl Runner {
    fn command(&self, program: &str) -> Command {
        let exe = self.bin.join(program);
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(exe);
            c
        } else {
            Command::new(exe)
        };
        cmd.current_dir(&self.cwd);
        cmd
    }

    fn run(&self, what: &str, cmd: &mut Command) -> Result<Output, EmbeddedError> {
        cmd.output().map_err(|e| EmbeddedError::Command {
            what: what.into(),
            detail: e.to_string(),
        })
    }
}

fn command_failed(what: &str, out: &Output, log: Option<&Path>) -> EmbeddedError {
    let mut detail = String::from_utf8_lossy(&out.stderr).trim().to_string();
    if let Some(tail) = log.and_then(|l| fs::read_to_string(l).ok()) {
        let lines: Vec<&str> = tail.lines().collect();
        let start = lines.len().saturating_sub(8);
        detail.push_str("\nLast lines of the server log:\n");
        detail.push_str(&lines[start..].join("\n"));
    }
    EmbeddedError::Command {
        what: what.into(),
        detail,
    }
}

/// Starts the cluster in `<base>/postgres` — creating it on first use — or reuses it when it is
/// already running. `port` is used only when this call starts the server; a running cluster keeps
/// the port it has.
pub fn ensure(base: &Path, port: u16, bin_dir: Option<&Path>) -> Result<Cluster, EmbeddedError> {
    let bin = find_binaries(bin_dir)?;
    let as_postgres = effective_uid_is_root();
    fs::create_dir_all(base).map_err(io(format!("creating {}", base.display())))?;
    let base = base
        .canonicalize()
        .map_err(io(format!("resolving {}", base.display())))?;
    let data_dir = base.join("postgres");
    let pw_file = base.join("superuser-password");
    let log_file = base.join("postgres.log");
    let runner = Runner {
        bin,
        as_postgres,
        cwd: base.clone(),
    };

    if as_postgres {
        let (uid, gid) = postgres_ids()?;
        std::os::unix::fs::chown(&base, Some(uid), Some(gid)).map_err(io(format!(
            "giving {} to the postgres user",
            base.display()
        )))?;
        let reachable = Command::new("runuser")
            .args(["-u", "postgres", "--", "test", "-w"])
            .arg(&base)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !reachable {
            return Err(EmbeddedError::Unreachable(base));
        }
    }

    if !data_dir.join("PG_VERSION").is_file() {
        init(&runner, &data_dir, &pw_file)?;
    }
    let superuser_password = fs::read_to_string(&pw_file)
        .map_err(io(format!("reading {}", pw_file.display())))?
        .trim()
        .to_string();

    let already_running = is_running(&runner, &data_dir)?;
    let port = if already_running {
        running_port(&data_dir)?
    } else {
        let out = runner.run(
            "pg_ctl start",
            runner
                .command("pg_ctl")
                .arg("start")
                .arg("-D")
                .arg(&data_dir)
                .arg("-l")
                .arg(&log_file)
                .args(["-w", "-t", "60", "-o"])
                .arg(format!("-p {port}")),
        )?;
        if !out.status.success() {
            // Another instance may have started it between our status check and our start.
            if !is_running(&runner, &data_dir)? {
                return Err(command_failed(
                    &format!(
                        "starting PostgreSQL in {} on port {port} (if the port is taken, set \
                         SANTA_PG_PORT)",
                        data_dir.display()
                    ),
                    &out,
                    Some(&log_file),
                ));
            }
        }
        running_port(&data_dir)?
    };
    Ok(Cluster {
        port,
        data_dir,
        superuser_password,
        reused: already_running,
    })
}

fn is_running(runner: &Runner, data_dir: &Path) -> Result<bool, EmbeddedError> {
    let status = runner.run(
        "pg_ctl status",
        runner
            .command("pg_ctl")
            .arg("status")
            .arg("-D")
            .arg(data_dir),
    )?;
    Ok(status.status.success())
}

fn init(runner: &Runner, data_dir: &Path, pw_file: &Path) -> Result<(), EmbeddedError> {
    let password = super::random_hex(24);
    {
        let mut f =
            fs::File::create(pw_file).map_err(io(format!("writing {}", pw_file.display())))?;
        f.write_all(password.as_bytes())
            .map_err(io(format!("writing {}", pw_file.display())))?;
    }
    fs::set_permissions(pw_file, fs::Permissions::from_mode(0o600))
        .map_err(io(format!("protecting {}", pw_file.display())))?;
    if runner.as_postgres {
        let (uid, gid) = postgres_ids()?;
        std::os::unix::fs::chown(pw_file, Some(uid), Some(gid)).map_err(io(format!(
            "giving {} to the postgres user",
            pw_file.display()
        )))?;
    }
    let out = runner.run(
        "initdb",
        runner
            .command("initdb")
            .arg("-D")
            .arg(data_dir)
            .args(["-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"])
            .args(["--auth-local=scram-sha-256", "--auth-host=scram-sha-256"])
            .arg(format!("--pwfile={}", pw_file.display())),
    )?;
    if !out.status.success() {
        return Err(command_failed(
            &format!("creating a PostgreSQL cluster in {}", data_dir.display()),
            &out,
            None,
        ));
    }
    // Loopback TCP only: no Unix socket that could meet the machine's own cluster.
    let conf = data_dir.join("postgresql.conf");
    let mut f = fs::OpenOptions::new()
        .append(true)
        .open(&conf)
        .map_err(io(format!("writing {}", conf.display())))?;
    f.write_all(
        b"\n# Added by secret-santa\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n",
    )
    .map_err(io(format!("writing {}", conf.display())))?;
    Ok(())
}

/// The port of the running server, from the fourth line of `postmaster.pid`.
fn running_port(data_dir: &Path) -> Result<u16, EmbeddedError> {
    let pid_file = data_dir.join("postmaster.pid");
    let text =
        fs::read_to_string(&pid_file).map_err(io(format!("reading {}", pid_file.display())))?;
    text.lines()
        .nth(3)
        .and_then(|l| l.trim().parse().ok())
        .ok_or_else(|| EmbeddedError::Command {
            what: "reading the port of the running cluster".into(),
            detail: format!("{} has no port line", pid_file.display()),
        })
}
