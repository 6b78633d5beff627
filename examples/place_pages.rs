//! Prints each location string of a file (one a line) with the pages jobsmith gives its
//! places: `cargo run --example place_pages -- FILE`.

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("give a file"))?;
    for line in std::fs::read_to_string(path)?.lines() {
        let location = line.split('\t').next().unwrap_or_default();
        if location.starts_with('#') || location.is_empty() {
            continue;
        }
        let spots = jobsmith::internals::places::spots(&[location.to_string()]);
        let keys: Vec<String> = spots.iter().map(|s| format!("{:?}", s.key())).collect();
        println!("{line}\t{}", keys.join(" + "));
    }
    Ok(())
}
