//! An encrypted ladder: the age format (<https://age-encryption.org>), so that the standard `age` tool can
//! always open it, and a person's records never depend on this program alone.
//!
//! - A ladder is encrypted when its name ends in `.age` (`ladder.toml.age`). Reading it decrypts it in memory;
//!   saving it encrypts the new text before it touches the disk (`super::write_atomic`). Its plain text is
//!   never written anywhere: no snapshot is kept (`cache/`), and its undo history is encrypted to the same
//!   recipients (`history.rs`).
//! - Who can open it is remembered beside it, in `ladder.toml.age-recipients`: age's own recipients-file
//!   format (`age -R` reads it), public keys only, one a line. A ladder encrypted with a passphrase has no
//!   such file; the passphrase asked for to open it is the one it is saved with again.
//! - The identity that opens it is the file named by `LADDER_AGE_IDENTITY`, else
//!   `$XDG_CONFIG_HOME/ladder/identity.txt` (an age identity file, or an SSH private key). A passphrase is
//!   asked for only on a terminal.
//! - Each text is decrypted once per process: the plain text is kept in memory, keyed by the encrypted
//!   bytes' fingerprint, for the lookups that follow (the fingerprint before a save, the undo history).

use std::collections::HashMap;
use std::env;
use std::fs;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use age::secrecy::SecretString;
use xxhash_rust::xxh3::xxh3_128;

use crate::error::{BadRecipient, Crypt, Error, NoIdentity, Result, Unsealed, Unusable};

/// The extension of an encrypted ladder.
pub const SUFFIX: &str = ".age";
/// What the recipients file's name adds to the encrypted ladder's.
pub const RECIPIENTS_SUFFIX: &str = "-recipients";

const MAGIC: &[u8] = b"age-encryption.org/";
const ARMOR: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// Whether the ladder at `path` is an encrypted one: its name ends in `.age`.
pub fn is_sealed_path(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.len() > SUFFIX.len() && n.ends_with(SUFFIX))
}

/// Whether `bytes` are an age file (binary or armored).
pub fn is_sealed(bytes: &[u8]) -> bool {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    bytes.starts_with(MAGIC) || bytes[start..].starts_with(ARMOR)
}

/// `x.toml.age` for `x.toml`.
pub fn sealed_path(plain: &Path) -> PathBuf {
    let mut name = plain.as_os_str().to_os_string();
    name.push(SUFFIX);
    PathBuf::from(name)
}

/// `x.toml` for `x.toml.age`.
pub fn plain_path(sealed: &Path) -> PathBuf {
    let text = sealed.as_os_str().to_string_lossy();
    PathBuf::from(text.strip_suffix(SUFFIX).unwrap_or(&text).to_string())
}

/// The recipients file beside the encrypted ladder at `sealed`.
pub fn recipients_path(sealed: &Path) -> PathBuf {
    let mut name = sealed.as_os_str().to_os_string();
    name.push(RECIPIENTS_SUFFIX);
    PathBuf::from(name)
}

/// Who an encrypted ladder is for: public keys (age `age1…` or SSH `ssh-ed25519 …`/`ssh-rsa …`), or a
/// passphrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipients {
    Keys(Vec<String>),
    Passphrase,
}

/// A public key as given, checked: `Err` says what is wrong with it.
pub fn check_recipient(key: &str) -> Result<String, BadRecipient> {
    let key = key.trim();
    parse_recipient(key).map(|_| key.to_string())
}

fn parse_recipient(key: &str) -> Result<Box<dyn age::Recipient + Send>, BadRecipient> {
    if let Ok(r) = key.parse::<age::x25519::Recipient>() {
        return Ok(Box::new(r));
    }
    match key.parse::<age::ssh::Recipient>() {
        Ok(r) => Ok(Box::new(r)),
        Err(age::ssh::ParseRecipientKeyError::Unsupported(kind)) => Err(BadRecipient::Unsupported(kind)),
        Err(_) => Err(BadRecipient::NotAKey(key.chars().take(24).collect())),
    }
}

/// The recipients remembered for the encrypted ladder at `sealed`: its recipients file, or, when there is
/// none, the passphrase it was opened with.
pub fn recipients_of(sealed: &Path) -> Result<Recipients> {
    let path = recipients_path(sealed);
    // Never blocks on a FIFO put there, nor reads a device: a regular file (a symlink to one is followed).
    let read = super::private::open_regular(&path, true).and_then(|mut file| {
        let mut text = String::new();
        file.read_to_string(&mut text).map(|_| text)
    });
    match read {
        Ok(text) => {
            let keys: Vec<String> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string)
                .collect();
            if keys.is_empty() {
                return Err(Crypt::NoKeys(path).into());
            }
            for (n, key) in keys.iter().enumerate() {
                check_recipient(key).map_err(|why| Crypt::BadKey { path: path.clone(), n: n + 1, why })?;
            }
            Ok(Recipients::Keys(keys))
        }
        // No keys: a passphrase ladder, unless the ladder there was encrypted to keys (its header names no
        // scrypt stanza), whose keys file is then missing: said plainly, never taken for a passphrase.
        Err(err) if err.kind() == io::ErrorKind::NotFound && encrypted_to_keys(sealed) => {
            Err(Crypt::KeysMissing(path).into())
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(Recipients::Passphrase),
        // Not a regular file (a FIFO, a folder, a loop of symlinks): said as such, naming it once.
        Err(err) if err.kind() == io::ErrorKind::InvalidInput => Err(Error::Io(err)),
        Err(err) => Err(Error::Io(err).during(crate::error::Doing::Read(path))),
    }
}

/// Whether the encrypted ladder at `sealed` is there and was encrypted to keys, not a passphrase: its age header
/// (binary, not armored) has stanzas and none of them is scrypt.
fn encrypted_to_keys(sealed: &Path) -> bool {
    // Only a regular file, read no further than its header: never a FIFO or a device at the path.
    let Ok(head) = super::private::read_regular(sealed, Some(4096)) else { return false };
    let header = String::from_utf8_lossy(&head);
    let header = header.split("\n---").next().unwrap_or_default();
    header.starts_with("age-encryption.org/v1\n") && header.contains("\n-> ") && !header.contains("\n-> scrypt ")
}

/// The file in the state folder naming the keys this device confirmed for the encrypted ladder at `target`
/// (`keys-<hash>`): one key a line, then a line `told KEY` for each key not confirmed yet that a command that
/// only reads has already told of.
fn confirmed_path(state: &Path, target: &Path) -> PathBuf {
    state.join(format!("keys-{:016x}", super::history::key(target)))
}

/// The keys confirmed, and those told of, from the file at `path`; `None` when there is none.
fn read_confirmed(path: &Path) -> Option<(Vec<String>, Vec<String>)> {
    let bytes = super::private::read_regular(path, Some(1 << 20)).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let (mut keys, mut told) = (Vec::new(), Vec::new());
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match line.strip_prefix("told ") {
            Some(key) => told.push(key.to_string()),
            None => keys.push(line.to_string()),
        }
    }
    Some((keys, told))
}

fn write_confirmed(path: &Path, keys: &[String], told: &[String]) -> Result<()> {
    let mut text = String::new();
    for key in keys {
        text.push_str(key);
        text.push('\n');
    }
    for key in told {
        text.push_str("told ");
        text.push_str(key);
        text.push('\n');
    }
    super::write_private(path, text.as_bytes())
}

/// Of `keys` (the ladder's recipients file), those this device has not confirmed: a key added by whoever holds
/// the synced folder or the git host would otherwise read every change from then on. None the first time this
/// device sees the ladder (there is nothing to compare with: its keys are taken as they are), nor without a
/// state folder of the user's own. A key taken out of the file is forgotten, so that putting it back needs
/// confirming again.
pub fn unconfirmed(state: &Path, target: &Path, keys: &[String]) -> Vec<String> {
    if !super::private::is_private_dir(state) {
        return Vec::new();
    }
    let path = confirmed_path(state, target);
    let Some((confirmed, told)) = read_confirmed(&path) else {
        let _ = write_confirmed(&path, keys, &[]);
        return Vec::new();
    };
    let added: Vec<String> = keys.iter().filter(|k| !confirmed.contains(k)).cloned().collect();
    // A key taken out is forgotten (compared as sets: the file may name a key twice).
    if added.is_empty() && (confirmed.iter().any(|k| !keys.contains(k)) || !told.is_empty()) {
        let _ = write_confirmed(&path, keys, &[]);
    }
    added
}

/// Whether keys not confirmed (`added`) are to be told of by a command that only reads: once, the first time.
pub fn tell_once(state: &Path, target: &Path, added: &[String]) -> bool {
    let path = confirmed_path(state, target);
    let Some((confirmed, mut told)) = read_confirmed(&path) else { return true };
    let new: Vec<String> = added.iter().filter(|k| !told.contains(k)).cloned().collect();
    if new.is_empty() {
        return false;
    }
    told.extend(new);
    let _ = write_confirmed(&path, &confirmed, &told);
    true
}

/// Confirms the keys of the ladder's recipients file on this device (`ladder encrypt --confirm-keys`, and
/// `ladder encrypt` itself, for the keys it was given). Returns those that were not confirmed before.
pub fn confirm(state: &Path, target: &Path, keys: &[String]) -> Result<Vec<String>> {
    let path = confirmed_path(state, target);
    let before = read_confirmed(&path).map(|(keys, _)| keys).unwrap_or_default();
    let new = keys.iter().filter(|k| !before.contains(k)).cloned().collect();
    write_confirmed(&path, keys, &[])?;
    Ok(new)
}

/// Refuses, in one line, a change to be encrypted to keys this device has not confirmed (see `unconfirmed`).
pub fn refuse_unconfirmed(sealed: &Path, keys: &[String]) -> Result<()> {
    if keys.is_empty() {
        return Ok(());
    }
    let keys = keys.iter().map(|k| short(k)).collect();
    Err(Crypt::Unconfirmed { keys_file: recipients_path(sealed), keys }.into())
}

/// A public key as it is said: its first 24 characters.
pub fn short(key: &str) -> String {
    let start: String = key.chars().take(24).collect();
    format!("{start}\u{2026}")
}

/// The keys of the encrypted ladder at `sealed` this device has not confirmed, with the state folder from the
/// environment: for a file written for the ladder that is not the ladder itself (the merge driver's result).
fn unconfirmed_here(sealed: &Path, keys: &[String]) -> Vec<String> {
    let Some(state) = super::Places::from_env().state else { return Vec::new() };
    let target = super::resolve_links(sealed).unwrap_or_else(|_| sealed.to_path_buf());
    unconfirmed(&state, &target, keys)
}

/// The text of the recipients file for `keys`.
pub fn recipients_file(keys: &[String]) -> String {
    let mut text = String::from(
        "# Who can open the ladder beside this file: public keys, one a line (age's recipients-file format:\n\
         # `age -R` reads it). ladder encrypts every change to these keys. Public keys are not secret.\n",
    );
    for key in keys {
        text.push_str(key);
        text.push('\n');
    }
    text
}

/// The passphrase this process was given, to save the ladder with again.
static PASSPHRASE: Mutex<Option<SecretString>> = Mutex::new(None);

/// Set once a passphrase given in this run did not open the file.
static WRONG: AtomicBool = AtomicBool::new(false);

/// Remembers a passphrase for this process (one asked for by `ladder encrypt --passphrase`, or in tests).
pub fn use_passphrase(passphrase: SecretString) {
    *PASSPHRASE.lock().unwrap_or_else(PoisonError::into_inner) = Some(passphrase);
}

fn known_passphrase() -> Option<SecretString> {
    PASSPHRASE.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

/// Whether a passphrase can be asked for: standard input and standard error are a terminal.
pub fn can_ask() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}

/// How a passphrase is asked for on the terminal, given what it opens (a file's path, or what age says of a
/// key): set by the command, as the store itself prints nothing. `None`: none was given.
pub type Asker = fn(&str) -> Option<SecretString>;

static ASKER: OnceLock<Asker> = OnceLock::new();

/// Sets how a passphrase is asked for (once per process).
pub fn ask_with(asker: Asker) {
    let _ = ASKER.set(asker);
}

/// A passphrase for `what`, asked for on the terminal.
fn ask(what: &str) -> Result<SecretString> {
    ASKER.get().and_then(|ask| ask(what)).ok_or_else(|| Crypt::NoPassphraseGiven(what.to_string()).into())
}

/// Encrypts `plain` for the encrypted ladder at `sealed` (its recipients file, or the passphrase it was
/// opened with).
pub fn seal(sealed: &Path, plain: &[u8]) -> Result<Vec<u8>> {
    seal_with(sealed, &recipients_of(sealed)?, plain)
}

/// `seal`, to `recipients` already read.
fn seal_with(sealed: &Path, recipients: &Recipients, plain: &[u8]) -> Result<Vec<u8>> {
    if *recipients == Recipients::Passphrase && known_passphrase().is_none() {
        return Err(Crypt::NoOneToSealTo { sealed: sealed.to_path_buf(), keys: recipients_path(sealed) }.into());
    }
    let bytes = seal_to(recipients, plain).map_err(|why| Crypt::CannotSeal { sealed: sealed.to_path_buf(), why })?;
    remember(&bytes, plain);
    Ok(bytes)
}

/// `seal`, for the ladder itself (a save, a merge): checked to open again with the identity here first.
pub fn seal_ladder(sealed: &Path, plain: &[u8]) -> Result<Vec<u8>> {
    let recipients = recipients_of(sealed)?;
    // Never to a key this device has not confirmed.
    if let Recipients::Keys(keys) = &recipients {
        refuse_unconfirmed(sealed, &unconfirmed_here(sealed, keys))?;
    }
    let bytes = seal_with(sealed, &recipients, plain)?;
    // Never lock a person out of their records: a recipients file changed to keys that leave out the identity
    // here (by hand, or by whoever holds the synced folder) is refused, as `encrypt` refuses such a key. A
    // passphrase is the one just used.
    if let Recipients::Keys(_) = recipients
        && let Err(why) = decrypt(sealed, &bytes)
    {
        let (keys, sealed) = (recipients_path(sealed), sealed.to_path_buf());
        return Err(Crypt::LeavesYouOut { keys, sealed, why: Box::new(why) }.into());
    }
    Ok(bytes)
}

/// Encrypts `plain` to `recipients`.
pub fn seal_to(recipients: &Recipients, plain: &[u8]) -> Result<Vec<u8>, Unsealed> {
    let age = |e: &dyn std::fmt::Display| Unsealed::Age(e.to_string());
    let encryptor = match recipients {
        Recipients::Keys(keys) => {
            let parsed =
                keys.iter().map(|k| parse_recipient(k)).collect::<Result<Vec<_>, _>>().map_err(Unsealed::Recipient)?;
            age::Encryptor::with_recipients(parsed.iter().map(|r| r.as_ref() as &dyn age::Recipient))
                .map_err(|e| age(&e))?
        }
        Recipients::Passphrase => {
            let Some(passphrase) = known_passphrase() else { return Err(Unsealed::NoPassphrase) };
            age::Encryptor::with_user_passphrase(passphrase)
        }
    };
    let mut out = Vec::with_capacity(plain.len() + 256);
    let mut writer = encryptor.wrap_output(&mut out).map_err(|e| age(&e))?;
    writer.write_all(plain).map_err(|e| age(&e))?;
    writer.finish().map_err(|e| age(&e))?;
    Ok(out)
}

/// Plain texts already decrypted in this process, by the fingerprint of their encrypted bytes.
type Opened = HashMap<(u128, usize), Arc<Vec<u8>>>;
static OPENED: Mutex<Option<Opened>> = Mutex::new(None);

fn remember(sealed: &[u8], plain: &[u8]) {
    let key = (xxh3_128(sealed), sealed.len());
    OPENED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get_or_insert_with(HashMap::new)
        .insert(key, Arc::new(plain.to_vec()));
}

fn recall(sealed: &[u8]) -> Option<Arc<Vec<u8>>> {
    let key = (xxh3_128(sealed), sealed.len());
    OPENED.lock().unwrap_or_else(PoisonError::into_inner).as_ref()?.get(&key).cloned()
}

/// The plain text of the bytes of the file at `path`: decrypted when they are an age file, else as they are.
/// A file named `.age` must be an age file, and one not so named must not be (`any_name` lets git's temp
/// files through, for the merge driver and `ladder show-plain`).
pub fn open(path: &Path, bytes: Vec<u8>, any_name: bool) -> Result<Vec<u8>> {
    let sealed = is_sealed(&bytes);
    if !any_name && sealed != is_sealed_path(path) {
        if sealed {
            return Err(Crypt::SealedUnnamed { path: path.to_path_buf(), sealed: sealed_path(path) }.into());
        }
        return Err(Crypt::NotSealed(path.to_path_buf()).into());
    }
    if !sealed {
        return Ok(bytes);
    }
    if let Some(plain) = recall(&bytes) {
        return Ok(plain.to_vec());
    }
    let plain = decrypt(path, &bytes)?;
    remember(&bytes, &plain);
    Ok(plain)
}

/// A new X25519 key: its secret (an age identity, `AGE-SECRET-KEY-…`) and its public key. For the undo history of
/// a passphrase ladder (`history.rs`): its records are encrypted to the public key, kept beside them, and the
/// secret is kept encrypted with the ladder's passphrase, so that only reading the history back costs the
/// passphrase's slow key derivation, once per command.
pub fn new_key() -> (SecretString, String) {
    use age::secrecy::ExposeSecret;
    let identity = age::x25519::Identity::generate();
    (SecretString::from(identity.to_string().expose_secret().to_string()), identity.to_public().to_string())
}

/// The plain text of `bytes`, read from `path` and encrypted with the passphrase given in this run (never asked
/// for here, and a passphrase that does not open it is not forgotten: it is the ladder's). Decrypted once per
/// process.
pub fn open_with_passphrase(path: &Path, bytes: &[u8]) -> Result<Vec<u8>> {
    if let Some(plain) = recall(bytes) {
        return Ok(plain.to_vec());
    }
    let Some(passphrase) = known_passphrase() else {
        return Err(Crypt::NoPassphraseGiven(path.display().to_string()).into());
    };
    let identity = age::scrypt::Identity::new(passphrase);
    let plain = age::decrypt(&identity, bytes).map_err(|_| Crypt::PassphraseDoesNotOpen(path.to_path_buf()))?;
    remember(bytes, &plain);
    Ok(plain)
}

/// `bytes` decrypted with the X25519 secret `secret` (from `new_key`).
pub fn open_with_key(secret: &SecretString, bytes: &[u8]) -> Option<Vec<u8>> {
    use age::secrecy::ExposeSecret;
    let identity: age::x25519::Identity = secret.expose_secret().trim().parse().ok()?;
    age::decrypt(&identity, bytes).ok()
}

/// Decrypts `bytes`, read from `path`, afresh (not from what this process already decrypted): to check that a
/// file just encrypted opens again.
pub fn open_afresh(path: &Path, bytes: &[u8]) -> Result<Vec<u8>> {
    decrypt(path, bytes)
}

/// Decrypts `bytes`, read from `path`, with the identity or the passphrase.
fn decrypt(path: &Path, bytes: &[u8]) -> Result<Vec<u8>> {
    let shown = path.to_path_buf();
    let reader = age::armor::ArmoredReader::new(bytes);
    let damaged = || Error::Crypt(Crypt::Damaged(path.to_path_buf()));
    let decryptor = match age::Decryptor::new_buffered(io::BufReader::new(reader)) {
        Ok(d) => d,
        Err(age::DecryptError::UnknownFormat) => {
            return Err(Crypt::NewerFormat(shown).into());
        }
        Err(_) => return Err(damaged()),
    };
    let (result, from) = if decryptor.is_scrypt() {
        let passphrase = match known_passphrase() {
            Some(p) => p,
            // Asked once already, and it did not open the file: not asked again in the same run.
            None if WRONG.load(Ordering::Relaxed) => return Err(Crypt::WrongPassphrase(shown).into()),
            None if can_ask() => {
                let p = ask(&shown.display().to_string())?;
                use_passphrase(p.clone());
                p
            }
            None => return Err(Crypt::NeedsTerminal(shown).into()),
        };
        let identity = age::scrypt::Identity::new(passphrase);
        (decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)), None)
    } else {
        let (identities, from) = identities(path)?;
        (decryptor.decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity)), Some(from))
    };
    let mut reader = match (result, from) {
        (Ok(reader), _) => reader,
        (Err(age::DecryptError::NoMatchingKeys), Some(from)) => {
            return Err(Crypt::NotToKeyIn { path: shown, from }.into());
        }
        (Err(age::DecryptError::DecryptionFailed | age::DecryptError::KeyDecryptionFailed), None) => {
            // The passphrase given does not open it: it is not kept for the next read.
            *PASSPHRASE.lock().unwrap_or_else(PoisonError::into_inner) = None;
            WRONG.store(true, Ordering::Relaxed);
            return Err(Crypt::WrongPassphrase(shown).into());
        }
        (Err(other), _) => return Err(why_not(path, &other)),
    };
    let mut plain = Vec::new();
    reader.read_to_end(&mut plain).map_err(|_| damaged())?;
    Ok(plain)
}

fn why_not(path: &Path, err: &age::DecryptError) -> Error {
    let shown = path.to_path_buf();
    Error::Crypt(match err {
        age::DecryptError::ExcessiveWork { .. } => Crypt::TooMuchWork(shown),
        age::DecryptError::NoMatchingKeys => Crypt::NotToYou(shown),
        _ => Crypt::Damaged(shown),
    })
}

type Identities = Vec<Box<dyn age::Identity + Send + Sync>>;

/// Where the identity is looked for: `LADDER_AGE_IDENTITY`, else `identity.txt` in ladder's config folder.
pub fn identity_path() -> Option<PathBuf> {
    if let Some(path) = env::var_os("LADDER_AGE_IDENTITY").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    dirs::config_dir().map(|d| d.join("ladder").join("identity.txt"))
}

static IDENTITIES: OnceLock<Result<(Arc<Identities>, PathBuf), NoIdentity>> = OnceLock::new();

/// The identities in the identity file, read once per process.
fn identities(path: &Path) -> Result<(Arc<Identities>, PathBuf)> {
    let loaded = IDENTITIES.get_or_init(|| load_identities().map(|(ids, from)| (Arc::new(ids), from)));
    loaded.clone().map_err(|why| Crypt::NoIdentity { path: path.to_path_buf(), why }.into())
}

fn load_identities() -> Result<(Identities, PathBuf), NoIdentity> {
    let Some(from) = identity_path() else { return Err(NoIdentity::Nowhere) };
    let text = match fs::read_to_string(&from) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound && env::var_os("LADDER_AGE_IDENTITY").is_none() => {
            return Err(NoIdentity::NotAt(from));
        }
        Err(err) => return Err(NoIdentity::Unreadable { from, why: Arc::new(err) }),
    };
    let unusable = |why: Unusable| NoIdentity::Unusable { from: from.clone(), why };
    if text.contains("-----BEGIN") && text.contains("PRIVATE KEY-----") {
        let identity = age::ssh::Identity::from_buffer(text.as_bytes(), Some(from.display().to_string()))
            .map_err(|_| unusable(Unusable::NotAnSshKey))?;
        if let age::ssh::Identity::Unsupported(_) = identity {
            return Err(unusable(Unusable::SshKindUnsupported));
        }
        return Ok((vec![Box::new(identity.with_callbacks(Terminal))], from));
    }
    let file = age::IdentityFile::from_buffer(text.as_bytes()).map_err(|_| unusable(Unusable::NotAnIdentityFile))?;
    let identities = file.into_identities().map_err(|_| unusable(Unusable::NotAnIdentityFile))?;
    if identities.is_empty() {
        return Err(unusable(Unusable::NoKey));
    }
    Ok((identities, from))
}

/// Asks on the terminal for what an encrypted SSH key needs; without a terminal, gives nothing.
#[derive(Clone, Copy)]
struct Terminal;

impl age::Callbacks for Terminal {
    // The store prints nothing: what age would say about a key is left unsaid.
    fn display_message(&self, _message: &str) {}

    fn confirm(&self, _message: &str, _yes: &str, _no: Option<&str>) -> Option<bool> {
        None
    }

    fn request_public_string(&self, _description: &str) -> Option<String> {
        None
    }

    fn request_passphrase(&self, description: &str) -> Option<SecretString> {
        can_ask().then(|| ask(description).ok()).flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> (age::x25519::Identity, String) {
        let identity = age::x25519::Identity::generate();
        let public = identity.to_public().to_string();
        (identity, public)
    }

    #[test]
    fn a_sealed_text_opens_with_its_key_and_only_it() {
        let (identity, public) = key();
        let sealed = seal_to(&Recipients::Keys(vec![public]), b"ask Sam").unwrap();
        assert!(is_sealed(&sealed));
        let plain = age::decrypt(&identity, &sealed).unwrap();
        assert_eq!(plain, b"ask Sam");
        let (other, _) = key();
        assert!(age::decrypt(&other, &sealed).is_err());
    }

    #[test]
    fn names_and_recipients_are_checked() {
        assert!(is_sealed_path(Path::new("d/ladder.toml.age")));
        assert!(!is_sealed_path(Path::new("d/ladder.toml")));
        assert!(!is_sealed_path(Path::new(".age")));
        assert_eq!(plain_path(Path::new("d/l.toml.age")), PathBuf::from("d/l.toml"));
        assert_eq!(recipients_path(Path::new("d/l.toml.age")), PathBuf::from("d/l.toml.age-recipients"));
        assert!(check_recipient(&key().1).is_ok());
        assert!(
            check_recipient("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsKLqeplhpW+uObz5dvMgjz1OxfM/XXUB/oE4s55h2F").is_ok()
        );
        assert!(check_recipient("not a key").is_err());
        let mixed = [("age1x", false), ("", false)];
        for (text, ok) in mixed {
            assert_eq!(check_recipient(text).is_ok(), ok, "{text}");
        }
    }

    #[test]
    fn a_plain_file_is_read_as_it_is_and_a_misnamed_one_is_refused() {
        let plain = b"version = 2\n".to_vec();
        assert_eq!(open(Path::new("l.toml"), plain.clone(), false).unwrap(), plain);
        assert!(open(Path::new("l.toml.age"), plain, false).is_err());
        let sealed = seal_to(&Recipients::Keys(vec![key().1]), b"x").unwrap();
        assert!(open(Path::new("l.toml"), sealed, false).is_err());
    }
}

#[cfg(test)]
mod history_key_tests {
    use super::*;

    #[test]
    fn a_history_key_wrapped_with_the_passphrase_opens_what_its_public_key_sealed() {
        use age::secrecy::ExposeSecret;
        use_passphrase(SecretString::from("correct horse".to_string()));
        let (secret, public) = new_key();
        let wrapped = seal_to(&Recipients::Passphrase, secret.expose_secret().as_bytes()).unwrap();
        let unwrapped = open_with_passphrase(Path::new("key.age"), &wrapped).unwrap();
        assert_eq!(unwrapped, secret.expose_secret().as_bytes());
        let sealed = seal_to(&Recipients::Keys(vec![public]), b"record").unwrap();
        let secret = SecretString::from(String::from_utf8(unwrapped).unwrap());
        assert_eq!(open_with_key(&secret, &sealed).unwrap(), b"record");
    }
}
