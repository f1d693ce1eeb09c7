import { Component, type ReactNode } from 'react';

type Props = { message: string; retryLabel: string; children: ReactNode };

/** A page that fails to render shows a message and a retry instead of a blank screen; the menu keeps working. */
export class PageErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="load-failed">
        <p role="alert" className="error">
          {this.props.message}
        </p>
        <button type="button" className="button-secondary" onClick={() => this.setState({ failed: false })}>
          {this.props.retryLabel}
        </button>
      </div>
    );
  }
}
