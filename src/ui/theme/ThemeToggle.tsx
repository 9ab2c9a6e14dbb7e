import { useEffect } from "react";
import { useTailscope } from "../../state/store";

export function ThemeToggle() {
  const theme = useTailscope((s) => s.theme);
  const setTheme = useTailscope((s) => s.setTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const next = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      className="toolbar-button"
      data-testid="btn-theme"
      aria-label={`Switch to the ${next} theme`}
      onClick={() => setTheme(next)}
    >
      {theme === "dark" ? "☀ Light" : "☾ Dark"}
    </button>
  );
}
