"""What Binder and conda users run, checked here since Binder itself cannot run here.

environment.yml must carry the versions the project pins and CI uses; postBuild must call the README's install
script in its `--prefix` mode; and that mode, pointed at a fresh environment standing in for conda's prefix, must
install a `java` kernel there that runs the library.
"""
import os
import re
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

REQUIREMENTS = ROOT / "tools" / "requirements.txt"


def pins(path):
    """name -> version of every `name==version` line (names compared as conda-forge spells them: '-' -> '_')."""
    found = {}
    for line in path.read_text().splitlines():
        match = re.match(r"^\s*([A-Za-z0-9_.-]+)==([^\s;#]+)", line)
        if match:
            found[match.group(1).lower().replace("-", "_")] = match.group(2)
    return found


def conda_specs():
    """name -> version of every dependency in environment.yml (`name=version`; None when unpinned)."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"], "environment.yml takes its packages from conda-forge only"
    specs = {}
    for dependency in env["dependencies"]:
        assert isinstance(dependency, str), f"environment.yml: unexpected entry {dependency!r} (no pip section)"
        name, _, version = dependency.partition("=")
        specs[name.strip().lower().replace("-", "_")] = version.strip() or None
    return specs


def test_environment_yml_pins_the_jupyter_tools_as_requirements_txt():
    specs, wanted = conda_specs(), pins(REQUIREMENTS)
    jupyter_tools = {name: version for name, version in wanted.items() if re.match(r"(jupyter|nb)", name)}
    assert len(jupyter_tools) >= 5, f"tools/requirements.txt pins too few Jupyter tools: {jupyter_tools}"
    for name, version in jupyter_tools.items():
        assert name in specs, f"environment.yml lacks {name} (tools/requirements.txt pins {name}=={version})"
        assert specs[name] == version, f"environment.yml has {name}={specs[name]}, tools/requirements.txt {version}"


def test_environment_yml_agrees_with_every_pip_pin_it_shares():
    specs, pinned = conda_specs(), {**pins(ROOT / "tools" / "constraints.txt"), **pins(REQUIREMENTS)}
    shared = {name for name in specs if name in pinned}
    assert {"jupyterlab", "pytest"} <= shared
    for name in shared:
        assert specs[name] == pinned[name], f"environment.yml has {name}={specs[name]}, tools/ pins {pinned[name]}"


def test_environment_yml_java_matches_the_build():
    release = re.search(r"<maven.compiler.release>(\d+)<", (ROOT / "pom.xml").read_text()).group(1)
    assert conda_specs()["openjdk"] == release, f"the library is compiled for Java {release}"


def test_environment_yml_python_is_the_one_ci_runs():
    python = conda_specs()["python"]
    assert python == f"{sys.version_info.major}.{sys.version_info.minor}", \
        f"environment.yml has python={python}; the tests run on {sys.version.split()[0]}"


def test_environment_yml_maven_is_the_one_ci_runs():
    pinned = conda_specs()["maven"]
    assert re.fullmatch(r"\d+\.\d+", pinned), f"pin Maven's major.minor (like 3.8), found {pinned!r}"
    output = subprocess.run(["mvn", "-v"], capture_output=True, text=True, env={**os.environ, "MAVEN_OPTS": ""}).stdout
    version = re.search(r"Apache Maven (\d+\.\d+)\.\d+", re.sub(r"\x1b\[[0-9;]*m", "", output)).group(1)
    if os.environ.get("CI") != "true" and version != pinned:
        pytest.skip(f"this machine's Maven is {version}; environment.yml pins CI's {pinned}")
    assert version == pinned, f"CI builds with Maven {version}, environment.yml pins {pinned}"


def test_environment_yml_brings_fonts_for_the_plots():
    specs = conda_specs()
    assert "fontconfig" in specs and "fonts_conda_ecosystem" in specs


def test_postbuild_runs_the_install_script_for_the_notebook_environment():
    post_build = ROOT / "postBuild"
    assert os.access(post_build, os.X_OK), "postBuild must be executable"
    text = post_build.read_text()
    assert re.search(r'^exec tools/setup\.sh --prefix "\$\{NB_PYTHON_PREFIX:-\$\{CONDA_PREFIX', text, re.M)


def test_setup_prefix_installs_a_working_kernel_into_a_fresh_environment(tmp_path):
    # A fresh environment standing in for conda's: a new venv without pip, which sees the Jupyter packages of the
    # project's .venv through a .pth file (conda would have installed them from environment.yml).
    prefix = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(prefix)], check=True)
    python = prefix / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "jupyter_from_project_venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_PATH", "VIRTUAL_ENV")}

    setup = subprocess.run([ROOT / "tools" / "setup.sh", "--prefix", prefix], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=600)
    assert setup.returncode == 0, setup.stdout[-2000:] + setup.stderr[-2000:]
    assert (prefix / "share" / "jupyter" / "kernels" / "java" / "kernel.json").is_file()

    # The kernel Jupyter finds in that environment is the one just installed there, and it runs the library.
    check = textwrap.dedent(f"""
        import sys
        from jupyter_client.kernelspec import KernelSpecManager
        from jupyter_client.manager import start_new_kernel
        spec = KernelSpecManager().get_kernel_spec("java")
        print("SPEC", spec.resource_dir)
        manager, client = start_new_kernel(kernel_name="java", startup_timeout=90)
        try:
            printed = []
            hook = lambda m: printed.append(m["content"].get("text", "")) if m["msg_type"] == "stream" else None
            for code in ["%jars {ROOT / 'lib' / 'target' / 'nnfs.jar'}",
                         "System.out.println(new nnfs.random.NumpyRandom(0).randn());"]:
                reply = client.execute_interactive(code, timeout=90, output_hook=hook)
                assert reply["content"]["status"] == "ok", reply["content"]
            print("OUT", printed[-1].strip())
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
    """)
    result = subprocess.run([python, "-c", check], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if line[:4] in ("SPEC", "OUT "))
    assert Path(lines["SPEC"]) == prefix / "share" / "jupyter" / "kernels" / "java"
    # np.random.seed(0); np.random.randn() == 1.764052345967664
    assert lines["OUT"].strip() == "1.764052345967664"
