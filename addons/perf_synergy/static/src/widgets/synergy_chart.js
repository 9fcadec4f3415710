import { loadBundle } from "@web/core/assets";
import { standardFieldProps } from "@web/views/fields/standard_field_props";
import { Component, onWillStart, useEffect, useRef } from "@odoo/owl";

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

/**
 * A field widget drawing its (json) field's value as a chart: a subclass gives its template
 * (with a `t-ref="canvas"`) and `chartConfig(data)`, the Chart.js configuration of the
 * value (only called when the field has one).
 */
export class SynergyChartField extends Component {
    static props = { ...standardFieldProps };

    setup() {
        useSynergyChart(
            () => (this.data ? this.chartConfig(this.data) : null),
            () => [this.data]
        );
    }

    get data() {
        return this.props.record.data[this.props.name] || false;
    }
}
