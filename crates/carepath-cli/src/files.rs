//! Everything that touches the file system. Every command that writes (export, log, init, and
//! the ones to come) goes through [`Batch`] or [`edit_locked`], so the rules hold everywhere:
//!
//! - **Reads are bounded** by the bytes actually read (`take(limit + 1)`), never by what the file's
//!   metadata claims: `/dev/zero` or a FIFO is read up to the limit and refused.
//! - **The plan is never an output.** A [`Batch`] knows the files it must not write (the plan,
//!   compared by device and inode, so a second name or a symlink for it is caught too).
//! - **A symlink is followed**: its target is replaced, in the target's folder, and the link stays.
//! - **Only regular files are replaced.** A FIFO or a character device (`/dev/stdout`) is written
//!   into; a directory, a block device or a socket is refused.
//! - **Temporary files are created new**: `O_EXCL` with a random name beside the target (the
//!   `tempfile` crate), never a predictable name that a planted symlink could redirect.
//! - **What is replaced keeps its mode, owner and group.** A read-only file or one with several
//!   hard links is refused, with the reason and what to do, rather than silently changed.
//! - **All outputs of one command are staged first**, then renamed together; if a rename fails,
//!   the ones already renamed are put back, so either every old file or every new one is there,
//!   and the message names the files.
//! - **What the person wrote is on the disk before it is in place.** A plan (`init`, `log`,
//!   `ce`, the page's edits) is flushed (`fsync`) before its rename and its folder after, so a
//!   power cut leaves the old plan or the new one. Outputs carepath derives from the plan
//!   (exports, the cohort's files, a redacted copy: [`Batch::derived`]) are renamed into place
//!   just as atomically, so no reader ever sees half a file, but carepath does not wait for the
//!   disk for them, as cargo and typst do not for what they build: after a power cut in that
//!   second, the newest export may be missing or empty, never the plan, and `export` writes it
//!   again. On this machine's virtual disk the twelve syncs of an export to every format were a
//!   third of the whole command.
//! - **Read-modify-write holds a lock** ([`edit_locked`]): an advisory lock on the plan shared by
//!   every carepath process, and just before the rename a check that the file still holds the bytes
//!   that were read; if it changed (an editor saved it), the edit is applied again to the new text.
//!
//! The lock is `std::fs::File::lock` (flock on Unix): since Rust 1.89 the standard library does
//! what `fd-lock` and `fs4` did, so no crate is needed for it.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use carepath_model::text::visible;

use crate::Failure;

/// Marks a failure that is a closed pipe (`carepath … | head`): not an error.
pub const BROKEN_PIPE: &str = "\u{0}broken pipe";

/// Plans larger than this are refused: a real plan is a few hundred kilobytes.
pub const MAX_PLAN_BYTES: u64 = 64 * 1024 * 1024;
/// User catalogs larger than this are refused: the built-in one is about 100 KB.
pub const MAX_CATALOG_BYTES: u64 = 16 * 1024 * 1024;

/// How long `log` waits for another carepath that is editing the same plan.
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// Reads a user catalog (bounded, like a plan).
pub fn read_catalog(path: &Path) -> Result<Vec<u8>, Failure> {
    read_bounded(path, MAX_CATALOG_BYTES, "catalogs")
}

/// A path as it may be shown on a terminal.
pub fn shown(path: &Path) -> String {
    visible(&path.display().to_string()).into_owned()
}

pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::StorageFull => "the disk is full".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".into(),
        _ => e.to_string(),
    }
}

fn mb(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}

/// Reads a whole file of at most `limit` bytes; `what` names it in messages ("plans").
pub fn read_bounded(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, Failure> {
    let name = shown(path);
    let cannot = |e: io::Error| Failure::usage(format!("cannot read {name}: {}", io_reason(&e)));
    let file = File::open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if meta.is_dir() {
        return Err(Failure::usage(format!(
            "{name} is a directory; give the file itself (such as plan.toml or plan.json)"
        )));
    }
    read_open(&file, &meta, limit).map_err(|e| match e {
        ReadError::Io(e) => cannot(e),
        ReadError::TooLarge => Failure::usage(format!(
            "{name} is larger than {} MB; carepath reads {what} up to {} MB (is this the right file?)",
            mb(limit),
            mb(limit)
        )),
    })
}

enum ReadError {
    Io(io::Error),
    TooLarge,
}

fn read_open(mut file: &File, meta: &Metadata, limit: u64) -> Result<Vec<u8>, ReadError> {
    // A regular file's length is a good first guess; anything else (a FIFO, a device) may be
    // endless, and reserving the limit once keeps the buffer from doubling past it.
    let guess = if meta.is_file() {
        meta.len().min(limit)
    } else {
        limit
    };
    let mut bytes = Vec::with_capacity(usize::try_from(guess).unwrap_or(0).saturating_add(1));
    (&mut file)
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// A file's identity: two names for one file have the same one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId {
    dev: u64,
    ino: u64,
}

#[cfg(unix)]
fn id_of(meta: &Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some(FileId {
        dev: meta.dev(),
        ino: meta.ino(),
    })
}

#[cfg(not(unix))]
fn id_of(_meta: &Metadata) -> Option<FileId> {
    None
}

/// The identity of the file a path names, following symlinks.
pub fn file_id(path: &Path) -> Option<FileId> {
    fs::metadata(path).ok().as_ref().and_then(id_of)
}

/// The path a write to `path` really lands on: symlinks followed, even a dangling one (its target
/// is created), so that the link itself is never replaced. With it, what looking that path up
/// gave (the file's metadata, or why there is none), so the caller need not ask again.
fn follow_links(path: &Path) -> io::Result<(PathBuf, io::Result<Metadata>)> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&p)?;
                p = if to.is_absolute() {
                    to
                } else {
                    p.parent().unwrap_or(Path::new("")).join(to)
                };
            }
            found => return Ok((p, found)),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// How an output reaches its file.
#[derive(Debug)]
enum How {
    /// A new file.
    Create,
    /// A regular file replaced whole; its metadata is kept.
    Replace(Metadata),
    /// A FIFO or character device, written into as it is.
    WriteInto,
}

#[derive(Debug)]
struct Item {
    /// The path as the user will read it.
    shown: String,
    /// Where the bytes go, symlinks followed.
    target: PathBuf,
    /// The target's identity when it exists already.
    id: Option<FileId>,
    bytes: Vec<u8>,
    how: How,
    /// Refuse to replace a file that exists (init without --force).
    no_clobber: bool,
    /// For read-modify-write: the bytes the file must still hold just before the rename.
    expect: Option<Vec<u8>>,
}

/// The outputs of one command, written together: every check is made when a file is added, the
/// bytes are staged when the batch is committed, and either all of them land or none.
#[derive(Debug)]
pub struct Batch {
    protected: Vec<(FileId, String)>,
    items: Vec<Item>,
    /// Flush each file (and its folder) to the disk: for what the person wrote.
    durable: bool,
}

/// Why a commit did not finish.
enum CommitError {
    /// A file to be edited no longer holds the bytes that were read: its new bytes.
    Changed(Vec<u8>),
    Failed(Failure),
}

impl Batch {
    /// A batch for what the person wrote (a plan): every file is on the disk before it is
    /// renamed into place, and the rename is made durable too.
    pub fn new() -> Self {
        Batch {
            protected: Vec::new(),
            items: Vec::new(),
            durable: true,
        }
    }

    /// A batch of outputs derived from the plan (exports, cohort files, a redacted copy): as
    /// atomic and all-or-nothing as [`Batch::new`], without waiting for the disk.
    pub fn derived() -> Self {
        Batch {
            durable: false,
            ..Batch::new()
        }
    }

    /// Marks a file that this batch must never write (the plan it was made from).
    pub fn protect(&mut self, path: &Path) {
        if let Some(id) = file_id(path) {
            self.protected.push((id, shown(path)));
        }
    }

    /// Whether writing `path` would write a protected file.
    pub fn is_protected(&self, path: &Path) -> bool {
        file_id(path).is_some_and(|id| self.protected.iter().any(|(p, _)| *p == id))
    }

    /// Adds an output; every reason it cannot be written is found here, before anything is.
    pub fn add(&mut self, path: &Path, bytes: Vec<u8>) -> Result<(), Failure> {
        self.push(path, bytes, false, None)
    }

    /// Adds an output that must not replace an existing file.
    pub fn add_new(&mut self, path: &Path, bytes: Vec<u8>) -> Result<(), Failure> {
        self.push(path, bytes, true, None)
    }

    fn push(
        &mut self,
        path: &Path,
        bytes: Vec<u8>,
        no_clobber: bool,
        expect: Option<Vec<u8>>,
    ) -> Result<(), Failure> {
        let name = shown(path);
        if path.as_os_str().is_empty() {
            return Err(Failure::usage(
                "the output path is empty; give a file, a directory (out/), or - for stdout",
            ));
        }
        let (target, found) = follow_links(path)
            .map_err(|e| Failure::usage(format!("cannot write {name}: {}", io_reason(&e))))?;
        // The target's identity, for the check that no two outputs are one file: none for a
        // file still to be created.
        let id = found.as_ref().ok().and_then(id_of);
        let how = match found {
            Err(e) if e.kind() == io::ErrorKind::NotFound => How::Create,
            Err(e) => {
                return Err(Failure::usage(format!(
                    "cannot write {name}: {}",
                    io_reason(&e)
                )));
            }
            Ok(meta) => {
                if let Some((_, plan)) =
                    id_of(&meta).and_then(|id| self.protected.iter().find(|(p, _)| *p == id))
                {
                    return Err(Failure::usage(format!(
                        "{name} is the plan itself ({plan}); carepath never writes over the plan\n  hint: choose another output, such as -o out/"
                    )));
                }
                if no_clobber {
                    return Err(Failure::usage(format!(
                        "{name} exists already; nothing was written\n  hint: choose another name with -o, or add --force to replace it"
                    )));
                }
                how_to_write(&name, &target, meta)?
            }
        };
        if self
            .items
            .iter()
            .any(|i| i.target == target || (id.is_some() && i.id == id))
        {
            return Err(Failure::usage(format!(
                "{name} would be written twice by this command; give each output its own name"
            )));
        }
        self.items.push(Item {
            shown: name,
            target,
            id,
            bytes,
            how,
            no_clobber,
            expect,
        });
        Ok(())
    }

    /// Writes every output: staged, then written into the FIFOs and devices, then renamed
    /// together. Returns the names written, in order.
    pub fn commit(self) -> Result<Vec<String>, Failure> {
        match self.commit_inner() {
            Ok(names) => Ok(names),
            Err(CommitError::Failed(f)) => Err(f),
            Err(CommitError::Changed(_)) => Err(Failure::usage(
                "a file changed while carepath was writing it; nothing was written",
            )),
        }
    }

    fn names(&self) -> String {
        self.items
            .iter()
            .map(|i| i.shown.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn commit_inner(self) -> Result<Vec<String>, CommitError> {
        let all = self.names();
        let fail = |what: String| {
            CommitError::Failed(Failure::usage(format!(
                "{what}; nothing was replaced, these are as they were: {all}"
            )))
        };
        // 1. Stage every regular file beside its target.
        let mut staged = Vec::new();
        for item in self
            .items
            .iter()
            .filter(|i| !matches!(i.how, How::WriteInto))
        {
            let temp = stage(item, self.durable)
                .map_err(|e| fail(format!("cannot write {}: {}", item.shown, io_reason(&e))))?;
            staged.push((item, temp));
        }
        // 2. FIFOs and devices have no "before" to keep: written into, in order.
        let mut written_into = Vec::new();
        for item in self
            .items
            .iter()
            .filter(|i| matches!(i.how, How::WriteInto))
        {
            let r = OpenOptions::new()
                .write(true)
                .open(&item.target)
                .and_then(|mut f| f.write_all(&item.bytes).and_then(|()| f.flush()));
            if let Err(e) = r {
                let mut msg = format!("cannot write into {}: {}", item.shown, io_reason(&e));
                if !written_into.is_empty() {
                    msg.push_str(&format!(
                        "; already written into: {}",
                        written_into.join(", ")
                    ));
                }
                return Err(fail(msg));
            }
            written_into.push(item.shown.clone());
        }
        debug_pause();
        // 3. A file being edited must still hold what was read.
        for (item, _) in &staged {
            if let Some(expect) = &item.expect {
                let now = read_again(&item.target).map_err(|e| {
                    fail(format!(
                        "cannot read {} again: {}",
                        item.shown,
                        io_reason(&e)
                    ))
                })?;
                if &now != expect {
                    return Err(CommitError::Changed(now));
                }
            }
        }
        // 4. Rename, keeping a link to each old file until all are in place.
        let mut done: Vec<Renamed<'_>> = Vec::new();
        for (item, temp) in staged {
            let result = (|| -> io::Result<Option<tempfile::TempPath>> {
                let backup = match item.how {
                    How::Replace(_) => Some(keep_old(&item.target)?),
                    _ => None,
                };
                if item.no_clobber {
                    temp.persist_noclobber(&item.target).map_err(|e| e.error)?;
                } else {
                    temp.persist(&item.target).map_err(|e| e.error)?;
                }
                Ok(backup)
            })();
            match result {
                Ok(backup) => done.push((item, backup)),
                Err(e) => {
                    let undone = roll_back(done);
                    return Err(CommitError::Failed(Failure::usage(format!(
                        "cannot replace {}: {}; {undone}",
                        item.shown,
                        io_reason(&e)
                    ))));
                }
            }
        }
        let mut names = Vec::new();
        let mut folders: Vec<PathBuf> = Vec::new();
        for (item, backup) in done {
            // Dropping the backup removes the old file's second name.
            drop(backup);
            let folder = folder_of(&item.target);
            if !folders.iter().any(|f| f == folder) {
                folders.push(folder.to_path_buf());
            }
            names.push(item.shown.clone());
        }
        // Once per folder, after every rename and unlink in it: eight CSV tables in one
        // directory are one folder sync, not eight.
        if self.durable {
            for folder in &folders {
                sync_folder(folder);
            }
        }
        names.extend(written_into);
        Ok(names)
    }
}

/// What the file being edited holds now; a little more than the plan limit is enough to see that
/// it changed.
fn read_again(target: &Path) -> io::Result<Vec<u8>> {
    let file = File::open(target)?;
    let meta = file.metadata()?;
    match read_open(&file, &meta, MAX_PLAN_BYTES) {
        Ok(b) => Ok(b),
        Err(ReadError::Io(e)) => Err(e),
        Err(ReadError::TooLarge) => Err(io::Error::other(format!(
            "it is now larger than {} MB",
            mb(MAX_PLAN_BYTES)
        ))),
    }
}

/// Decides how an existing file is written, refusing what must not be replaced.
fn how_to_write(name: &str, target: &Path, meta: Metadata) -> Result<How, Failure> {
    let ft = meta.file_type();
    if ft.is_dir() {
        return Err(Failure::usage(format!(
            "{name} is a directory; to write into it, end the path with a slash ({name}/)"
        )));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
        if ft.is_fifo() || ft.is_char_device() {
            return Ok(How::WriteInto);
        }
        if ft.is_block_device() || ft.is_socket() {
            return Err(Failure::usage(format!(
                "{name} is a {}; carepath writes only files, FIFOs and character devices",
                if ft.is_socket() {
                    "socket"
                } else {
                    "block device"
                }
            )));
        }
        let mode = meta.permissions().mode() & 0o7777;
        if mode & 0o222 == 0 {
            return Err(Failure::usage(format!(
                "{name} is read-only (mode {mode:04o}); carepath does not replace read-only files, and it is unchanged\n  hint: make it writable (chmod u+w {name}) or choose another output"
            )));
        }
        if meta.nlink() > 1 {
            return Err(Failure::usage(format!(
                "{name} has {} hard links; replacing it would leave the other names with the old content, so it is unchanged\n  hint: write to another name, or remove the other links",
                meta.nlink()
            )));
        }
    }
    // Permission to write the file itself, which renaming over it would not ask for.
    if let Err(e) = OpenOptions::new().write(true).open(target) {
        return Err(Failure::usage(format!(
            "cannot write {name}: {}; it is unchanged",
            io_reason(&e)
        )));
    }
    Ok(How::Replace(meta))
}

/// Writes an item's bytes into a new temporary file beside its target, with the target's
/// permissions and owner; flushed to disk when `durable`.
fn stage(item: &Item, durable: bool) -> io::Result<tempfile::NamedTempFile> {
    let base = item
        .target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let prefix = format!(".{base}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A new file gets what any program's new file gets (0666 less the umask).
        let mode = match &item.how {
            How::Replace(meta) => meta.permissions().mode() & 0o7777,
            _ => 0o666,
        };
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    let mut temp = builder.tempfile_in(folder_of(&item.target))?;
    #[cfg(unix)]
    if let How::Replace(meta) = &item.how {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let mine = temp.as_file().metadata()?;
        if (mine.uid(), mine.gid()) != (meta.uid(), meta.gid()) {
            std::os::unix::fs::fchown(temp.as_file(), Some(meta.uid()), Some(meta.gid())).map_err(
                |e| {
                    io::Error::new(
                        e.kind(),
                        format!(
                            "cannot keep its owner and group ({}:{}): {}",
                            meta.uid(),
                            meta.gid(),
                            io_reason(&e)
                        ),
                    )
                },
            )?;
            // chown clears set-id bits; put the mode back as it was.
            temp.as_file().set_permissions(fs::Permissions::from_mode(
                meta.permissions().mode() & 0o7777,
            ))?;
        }
    }
    temp.write_all(&item.bytes)?;
    if durable {
        temp.as_file().sync_all()?;
    }
    Ok(temp)
}

/// A second, temporary name for the file at `target`, so it can be put back.
fn keep_old(target: &Path) -> io::Result<tempfile::TempPath> {
    let base = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let kept = tempfile::Builder::new()
        .prefix(&format!(".{base}."))
        .suffix(".old")
        .make_in(folder_of(target), |p| fs::hard_link(target, p))?;
    Ok(kept.into_temp_path())
}

/// Puts back the files already replaced; says what the user now has.
/// An output already renamed into place, with the old file's second name when there was one.
type Renamed<'a> = (&'a Item, Option<tempfile::TempPath>);

fn roll_back(done: Vec<Renamed<'_>>) -> String {
    let mut restored = Vec::new();
    let mut stuck = Vec::new();
    for (item, backup) in done {
        let ok = match backup {
            Some(b) => b.persist(&item.target).is_ok(),
            None => fs::remove_file(&item.target).is_ok(),
        };
        if ok {
            restored.push(item.shown.clone());
        } else {
            stuck.push(item.shown.clone());
        }
    }
    match (restored.is_empty(), stuck.is_empty()) {
        (_, true) if restored.is_empty() => "nothing was replaced".into(),
        (_, true) => format!(
            "nothing was replaced ({} put back as they were)",
            restored.join(", ")
        ),
        _ => format!(
            "these were replaced and could not be put back: {}",
            stuck.join(", ")
        ),
    }
}

fn sync_folder(dir: &Path) {
    // Makes the rename itself durable; a folder that cannot be opened is not an error.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The result of [`edit_locked`].
#[derive(Debug)]
pub struct Edited {
    /// How many times the edit had to be applied again because the file changed meanwhile.
    pub reapplied: usize,
}

/// An edit of a file's bytes into new ones, or a failure (nothing is written).
pub type Edit<'a> = dyn FnMut(&[u8]) -> Result<Vec<u8>, Failure> + 'a;

/// Read-modify-write of a plan under an advisory lock: `edit` gets the file's bytes and returns
/// the new ones (or a failure, and nothing is written). If the file changes between the read and
/// the rename, `edit` is called again with the new bytes; after three such changes it gives up.
pub fn edit_locked(path: &Path, limit: u64, edit: &mut Edit<'_>) -> Result<Edited, Failure> {
    let name = shown(path);
    let cannot = |e: io::Error| Failure::usage(format!("cannot read {name}: {}", io_reason(&e)));
    let (target, _) = follow_links(path).map_err(cannot)?;
    let (_lock, mut bytes) = lock_and_read(&target, &name, limit)?;
    for reapplied in 0..4 {
        let new = edit(&bytes)?;
        let mut batch = Batch::new();
        batch.push(path, new, false, Some(bytes.clone()))?;
        match batch.commit_inner() {
            Ok(_) => return Ok(Edited { reapplied }),
            Err(CommitError::Failed(f)) => return Err(f),
            Err(CommitError::Changed(now)) => bytes = now,
        }
    }
    Err(Failure::usage(format!(
        "{name} kept changing while carepath was writing it; nothing was written\n  hint: close the editor that is saving it, then run the command again"
    )))
}

/// Opens and locks the file at `target` (symlinks already followed), making sure the lock is on
/// the file that the path names now: another carepath may have replaced it while we waited.
fn lock_and_read(target: &Path, name: &str, limit: u64) -> Result<(File, Vec<u8>), Failure> {
    let cannot = |e: io::Error| Failure::usage(format!("cannot read {name}: {}", io_reason(&e)));
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        let file = File::open(target).map_err(cannot)?;
        let meta = file.metadata().map_err(cannot)?;
        if meta.is_dir() {
            return Err(Failure::usage(format!(
                "{name} is a directory; give the plan file"
            )));
        }
        if !meta.is_file() {
            return Err(Failure::usage(format!(
                "{name} is not a regular file; carepath edits plans only in regular files"
            )));
        }
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(Failure::usage(format!(
                        "another carepath has been editing {name} for {} s; nothing was written\n  hint: run the command again when it has finished",
                        LOCK_WAIT.as_secs()
                    )));
                }
                Err(fs::TryLockError::Error(e)) => {
                    return Err(Failure::usage(format!(
                        "cannot lock {name}: {}",
                        io_reason(&e)
                    )));
                }
            }
        }
        // The lock is ours; is the file still the one the path names?
        if fs::metadata(target).ok().as_ref().and_then(id_of) != id_of(&meta) {
            continue;
        }
        let bytes = read_open(&file, &meta, limit).map_err(|e| match e {
            ReadError::Io(e) => cannot(e),
            ReadError::TooLarge => Failure::usage(format!(
                "{name} is larger than {} MB; carepath reads plans up to {} MB",
                mb(limit),
                mb(limit)
            )),
        })?;
        return Ok((file, bytes));
    }
}

/// A test hook: `CAREPATH_TEST_PAUSE_MS` holds the process after the outputs are staged and
/// before they replace anything, so a test can kill it there, or change the file meanwhile.
fn debug_pause() {
    if let Some(ms) = std::env::var("CAREPATH_TEST_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(Duration::from_millis(ms));
    }
}
