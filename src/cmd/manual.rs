//! `jobsmith completions` and `jobsmith man`: the command line described for shells and `man`.

pub fn completions(shell: clap_complete::Shell, mut command: clap::Command) -> anyhow::Result<()> {
    // Into memory first: `generate` panics on a failed write (`| head`); ours reports.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "jobsmith", &mut script);
    std::io::Write::write_all(&mut std::io::stdout().lock(), &script)?;
    Ok(())
}

pub fn man(command: clap::Command) -> anyhow::Result<()> {
    clap_mangen::Man::new(command).render(&mut std::io::stdout())?;
    Ok(())
}
