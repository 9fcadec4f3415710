import { loadBundle } from "@web/core/assets";
import { onWillStart, useEffect, useRef } from "@odoo/owl";

/**
 * Draws a chart with Odoo's own Chart.js bundle on the component's `t-ref="canvas"`: loads
 * the bundle before the first render, draws again whenever `dependencies()` change, and
 * destroys the previous chart on every change and on unmount. `buildConfig()` returns the
 * Chart.js configuration ({type, data, options}), or null to draw nothing (no data).
 * Used by the dashboard's chart sections and the radar and distribution field widgets.
 */
export function useSynergyChart(buildConfig, dependencies) {
    const canvasRef = useRef("canvas");
    onWillStart(() => loadBundle("web.chartjs_lib"));
    useEffect(() => {
        const config = canvasRef.el ? buildConfig() : null;
        const chart = config ? new Chart(canvasRef.el, config) : null;
        return () => chart?.destroy();
    }, dependencies);
}
